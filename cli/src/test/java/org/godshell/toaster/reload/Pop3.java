package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

/** What a client of the running pop3d sees on a new connection. */
final class Pop3 {

    private Pop3() {
    }

    static String greeting(Installation t) throws Exception {
        try (Talk talk = Talk.to(t.pop3Port)) {
            return talk.line().orElse("(closed)");
        }
    }

    /** pop3d's answer to {@code PASS password} for {@code user}, after STLS. */
    static String login(Installation t, String user, String password) throws Exception {
        try (Talk talk = Talk.to(t.pop3Port)) {
            assertTrue(talk.line().orElse("").startsWith("+OK"));
            assertTrue(talk.pop3("STLS").startsWith("+OK"));
            talk.tls(Optional.empty());
            assertTrue(talk.pop3("USER " + user).startsWith("+OK"));
            String answer = talk.pop3("PASS " + password);
            talk.pop3("QUIT");
            return answer;
        }
    }

    /** The subject of the certificate STLS presents. */
    static String certificate(Installation t) throws Exception {
        try (Talk talk = Talk.to(t.pop3Port)) {
            assertTrue(talk.line().orElse("").startsWith("+OK"));
            assertTrue(talk.pop3("STLS").startsWith("+OK"));
            return Talk.name(talk.tls(Optional.empty()));
        }
    }
}
