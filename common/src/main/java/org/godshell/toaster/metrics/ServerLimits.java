package org.godshell.toaster.metrics;

import java.util.Map;

/**
 * Limits of the JDK's HTTP server, which it takes only from system properties read once, when the first server
 * of the process is made. Each is set here unless the admin set it on the command line. The endpoint is the only
 * JDK HTTP server in a toaster daemon (the wiki serves with Jetty), so these apply to it alone.
 */
final class ServerLimits {

    /**
     * {@code maxReqTime}: a request's line and headers must arrive within 10 s, so a client sending a byte at a
     * time is cut; {@code maxRspTime}: a scraper has 30 s to read the answer; {@code maxConnections}: a scraper
     * needs one connection, a few admins' curls some more; {@code maxReqHeaders}/{@code maxReqHeaderSize}: a
     * scrape sends half a dozen short headers; {@code idleInterval}: kept-alive connections close after 30 s.
     */
    static final Map<String, String> LIMITS = Map.of(
            "sun.net.httpserver.maxReqTime", "10",
            "sun.net.httpserver.maxRspTime", "30",
            "jdk.httpserver.maxConnections", "16",
            "sun.net.httpserver.maxReqHeaders", "32",
            "sun.net.httpserver.maxReqHeaderSize", "16384",
            "sun.net.httpserver.idleInterval", "30");

    private ServerLimits() {
    }

    static void apply() {
        LIMITS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }
}
