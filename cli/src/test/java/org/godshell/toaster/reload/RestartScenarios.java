package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a daemon reads only when it starts (where it listens, its metrics endpoint and token, the wiki's own
 * URL, the log's format): an edit changes nothing until a restart, and showconfig says so. The running daemon
 * goes on serving where it started and does not start listening at the new address behind the admin's back;
 * the wiki, which tells mail clients the ports of some of them, goes on telling the ones it read.
 */
final class RestartScenarios {

    /** Whether the daemon still answers where it started. */
    @FunctionalInterface
    private interface Serving {
        boolean check(Installation t) throws Exception;
    }

    private RestartScenarios() {
    }

    static Map<String, Scenario> all() {
        Serving smtpd = t -> Smtp.greeting(t).startsWith("220 ");
        Serving pop3d = t -> Pop3.greeting(t).startsWith("+OK ");
        Serving wiki = t -> Admin.page(t) > 0;
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put("listen-smtp", (t, edits) -> readAtStart(t, edits, "listen-smtp", "smtpd", smtpd));
        for (String file : List.of("listen-submission", "listen-smtps")) {
            all.put(file, (t, edits) -> toldToMailClients(t, edits, file, "smtpd", smtpd));
        }
        for (String file : List.of("listen-pop3", "listen-pop3s")) {
            all.put(file, (t, edits) -> toldToMailClients(t, edits, file, "pop3d", pop3d));
        }
        for (String file : List.of("listen-http", "listen-https", "wikiurl")) {
            all.put(file, (t, edits) -> readAtStart(t, edits, file, "wiki", wiki));
        }
        // The endpoints serve on where the daemons started (a port the system picked), and say what they count.
        all.put("listen-metrics", (t, edits) -> readAtStart(t, edits, "listen-metrics", "smtpd",
                s -> Admin.scrape(s.smtpd).contains("toaster_smtp_connections_total{port=")));
        all.put("listen-metrics-pop3d", (t, edits) -> readAtStart(t, edits, "listen-metrics-pop3d", "pop3d",
                s -> Admin.scrape(s.pop3d).contains("toaster_pop3_logins_total{outcome=\"ok\"}")));
        all.put("listen-metrics-wiki", (t, edits) -> readAtStart(t, edits, "listen-metrics-wiki", "wiki",
                s -> Admin.scrape(s.wiki).contains("toaster_wiki_builds_total{mode=\"full\",outcome=\"ok\"}")));
        all.put("metricstoken", (t, edits) -> {
            edits.write("control/metricstoken", "cmVsb2FkLXNjZW5hcmlvLXRva2Vu\n", "rw-------");
            for (String daemon : List.of("smtpd", "pop3d", "wiki")) {
                assertTrue(Admin.readAtStart(t, daemon).contains("metricstoken"), Admin.toaster(t, "showconfig"));
            }
            assertTrue(smtpd.check(t) && pop3d.check(t) && wiki.check(t), "the daemons serve on as they started");
        });
        all.put("logformat", RestartScenarios::logFormat);
        for (String file : List.of("userdb", "userdbpassword", "userdbcache")) {
            all.put(file, (t, edits) -> userDatabase(t, edits, file));
        }
        return all;
    }

    /** A log keeps the format it started with: a reader parsing it never meets a second one halfway. */
    private static void logFormat(Installation t, Edits edits) throws Exception {
        edits.write("control/logformat", "json\n");
        for (String daemon : List.of("smtpd", "pop3d", "wiki")) {
            assertTrue(Admin.readAtStart(t, daemon).contains("logformat"), Admin.toaster(t, "showconfig"));
        }
        long connects = t.pop3d.count(" connect client=127.0.0.1");
        assertTrue(Pop3.greeting(t).startsWith("+OK "));
        assertEquals(connects + 1, t.pop3d.count(" connect client=127.0.0.1"), t.pop3d.log());
        assertEquals(0, t.pop3d.count("{\"time\":"), t.pop3d.log());
    }

    /**
     * The running daemons keep the users they started with: naming a database (nobody listens at its port) changes
     * nothing until a restart, and the users of the passwd files still log in.
     */
    private static void userDatabase(Installation t, Edits edits, String file) throws Exception {
        edits.write("control/userdb", "postgresql://toaster@127.0.0.1:" + Admin.freePort() + "/toaster\n");
        if (file.equals("userdbpassword")) {
            edits.write("control/userdbpassword", "cmVsb2FkLXNjZW5hcmlv\n", "rw-------");
        }
        if (file.equals("userdbcache")) {
            edits.write("control/userdbcache", "300\n");
        }
        for (String daemon : List.of("smtpd", "pop3d", "wiki")) {
            assertTrue(Admin.readAtStart(t, daemon).contains(file), Admin.toaster(t, "showconfig"));
        }
        assertTrue(Pop3.login(t, Installation.USER, Installation.PASSWORD).startsWith("+OK"),
                "pop3d still reads the passwd files");
    }

    /**
     * A listen file of a service mail clients are told about: the wiki read it at start too, and goes on telling
     * clients what it read then (issue 21).
     */
    private static void toldToMailClients(Installation t, Edits edits, String file, String daemon, Serving serving)
            throws Exception {
        String before = Admin.autoconfig(t, "local.test").body();
        readAtStart(t, edits, file, daemon, serving);
        assertTrue(Admin.readAtStart(t, "wiki").contains(file), Admin.toaster(t, "showconfig"));
        assertEquals(before, Admin.autoconfig(t, "local.test").body());
    }

    private static void readAtStart(Installation t, Edits edits, String file, String daemon, Serving serving)
            throws Exception {
        int elsewhere = Admin.freePort();
        edits.write("control/" + file, (file.equals("wikiurl") ? "http://127.0.0.1:" + elsewhere + "/"
                : "127.0.0.1:" + elsewhere) + "\n");
        assertTrue(Admin.readAtStart(t, daemon).contains(file), Admin.toaster(t, "showconfig"));
        assertTrue(serving.check(t), daemon + " no longer serves where it started");
        assertFalse(Admin.listening(elsewhere), daemon + " listens at the new address without a restart");
    }
}
