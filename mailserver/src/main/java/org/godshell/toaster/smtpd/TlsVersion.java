package org.godshell.toaster.smtpd;

/**
 * The TLS version of a session, as a label: the server offers only TLS 1.2 and 1.3 ({@code ServerTls}), so any
 * other name the JDK reports is {@link #OTHER}, never passed on as it is.
 */
public enum TlsVersion {
    NONE("none"), TLS_1_2("TLSv1.2"), TLS_1_3("TLSv1.3"), OTHER("other");

    private final String label;

    TlsVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** From {@code SessionContext}'s "TLSv1.3 TLS_AES_128_GCM_SHA256", or null for a plain session. */
    static TlsVersion of(String tlsInfo) {
        if (tlsInfo == null) {
            return NONE;
        }
        String protocol = tlsInfo.split(" ", 2)[0];
        return switch (protocol) {
            case "TLSv1.2" -> TLS_1_2;
            case "TLSv1.3" -> TLS_1_3;
            default -> OTHER;
        };
    }
}
