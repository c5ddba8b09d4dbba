package org.godshell.toaster.msgauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.dkim.Algorithm;
import org.godshell.toaster.dkim.KeyFiles;
import org.godshell.toaster.dkim.SigningKey;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dmarc.Authors;
import org.junit.jupiter.api.Test;

/** Which of our users' messages are signed, and with what: one From mailbox of a domain with keys, the login's. */
class OutboundTest {

    private static final KeyPair KEY = KeyFiles.generate(Algorithm.ED25519_SHA256);
    private static final SigningKeys KEYS = domain -> domain.equals("one.test")
            ? List.of(new SigningKey("s1", KEY.getPrivate())) : List.of();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private static final byte[] MESSAGE = "From: ann@one.test\r\nSubject: s\r\n\r\nbody\r\n"
            .getBytes(StandardCharsets.UTF_8);

    private static Judgement sign(Optional<String> login, Authors authors) {
        return Outbound.sign(KEYS, login, authors, MESSAGE, List.of(), CLOCK);
    }

    @Test
    void aUserOfTheFromDomainAndAProgramOnTheHostGetTheSameSignature() {
        Judgement user = sign(Optional.of("Ann@One.Test"), Authors.of("one.test"));
        Judgement program = sign(Optional.empty(), Authors.of("ONE.test"));
        assertEquals(1, user.edits().added().size(), user.log());
        assertTrue(user.edits().added().getFirst().startsWith("DKIM-Signature: v=1; a=ed25519-sha256;"));
        assertEquals(user.edits(), program.edits(), "same message, same second: same bytes");
        assertEquals("dkim=signed:one.test s=s1", user.log());
    }

    @Test
    void aUserOfAnotherHostedDomainIsNotSignedAsThisOne() {
        Judgement other = sign(Optional.of("bob@two.test"), Authors.of("one.test"));
        assertEquals(List.of(), other.edits().added());
        assertEquals("dkim=unsigned (From one.test is not the domain of the login)", other.log());
        assertEquals(List.of(), sign(Optional.of("bob"), Authors.of("one.test")).edits().added(),
                "a login without a domain vouches for none");
    }

    @Test
    void noKeysOrNotOneMailboxLeavesItUnsigned() {
        assertEquals("dkim=unsigned (no DKIM key for two.test)", sign(Optional.empty(), Authors.of("two.test")).log());
        assertEquals("dkim=unsigned (From is not one mailbox)",
                sign(Optional.empty(), new Authors(2, List.of("one.test", "one.test"))).log());
        assertEquals("dkim=unsigned (From is not one mailbox)", sign(Optional.empty(), new Authors(0, List.of())).log());
    }

    @Test
    void unreadableKeysDeferTheMessage() {
        SigningKeys broken = domain -> {
            throw new DkimKeysException("selectors:3: bad line");
        };
        Judgement judgement = Outbound.sign(broken, Optional.empty(), Authors.of("one.test"), MESSAGE, List.of(),
                CLOCK);
        assertEquals(Judgement.Action.DEFER, judgement.action());
        assertTrue(judgement.why().startsWith("4.3.0 the DKIM keys of one.test cannot be read"), judgement.why());
    }
}
