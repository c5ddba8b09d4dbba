package org.godshell.toaster.site.serve;

import java.util.Locale;

/** Whether a request's {@code Accept-Encoding} (RFC 9110 §12.5.3) lets the answer be gzip-compressed. */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    static boolean gzip(String header) {
        if (header == null || header.length() > 1024) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String element : header.split(",", -1)) {
            String[] parts = element.split(";", -1);
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = Math.max(gzip, q);
            } else if (coding.equals("*")) {
                any = q;
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    /** RFC 9110 §12.4.2 qvalue; a malformed one counts as 0 (not acceptable), which fails toward identity. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                String value = parameter.substring(2);
                return value.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?") ? Double.parseDouble(value) : 0;
            }
        }
        return 1;
    }
}
