package org.godshell.toaster.site.serve;

/** The class of an answer's status (RFC 9110 §15), the metrics' {@code status} label. */
public enum StatusClass {
    S2XX("2xx"), S3XX("3xx"), S4XX("4xx"), S5XX("5xx");

    private final String label;

    StatusClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The class of a final status. 1xx is never final (§15.2) and a status outside 100–599 is the server's own
     * error: both count as 5xx, so that nothing is lost and no new label value appears.
     */
    public static StatusClass of(int status) {
        return switch (status / 100) {
            case 2 -> S2XX;
            case 3 -> S3XX;
            case 4 -> S4XX;
            default -> S5XX;
        };
    }
}
