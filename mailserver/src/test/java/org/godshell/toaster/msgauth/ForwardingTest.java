package org.godshell.toaster.msgauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which recipient's domain forwards a message off the host, through aliases as local delivery follows them. */
class ForwardingTest {

    @TempDir
    Path prefix;
    private Forwarding forwarding;

    @BeforeEach
    void store() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        UserStore users = UserStore.open(prefix);
        users.addDomain("one.test");
        users.addDomain("two.test");
        users.addUser("ann@one.test", "secret one".toCharArray());
        users.addAlias("away@one.test", List.of("ann@elsewhere.example"));
        users.addAlias("team@one.test", List.of("ann@one.test", "hop@two.test"));
        users.addAlias("hop@two.test", List.of("bob@far.example"));
        users.addAlias("local@two.test", List.of("ann@one.test"));
        users.addAlias("ping@two.test", List.of("pong@two.test"));
        users.addAlias("pong@two.test", List.of("ping@two.test"));
        forwarding = Forwarding.of(users, 10);
    }

    @Test
    void theFirstRecipientWhoseAliasesLeaveTheHostNamesTheDomain() {
        assertEquals(Optional.of("one.test"), forwarding.forwarder(List.of("away@one.test")));
        assertEquals(Optional.of("one.test"), forwarding.forwarder(List.of("Team@One.Test")), "two hops, any case");
        assertEquals(Optional.of("two.test"), forwarding.forwarder(List.of("ann@one.test", "hop@two.test")));
    }

    @Test
    void mailboxesLocalAliasesLoopsAndOtherDomainsForwardNothing() {
        assertEquals(Optional.empty(), forwarding.forwarder(List.of("ann@one.test", "local@two.test")));
        assertEquals(Optional.empty(), forwarding.forwarder(List.of("ping@two.test")));
        assertEquals(Optional.empty(), forwarding.forwarder(List.of("someone@elsewhere.example")),
                "a relayed recipient is not forwarded by an alias of ours");
        assertEquals(Optional.empty(), forwarding.forwarder(List.of("nobody@one.test")));
        assertEquals(Optional.empty(), Forwarding.NONE.forwarder(List.of("away@one.test")));
    }

    @Test
    void aChainLongerThanTheHopsLocalDeliveryFollowsIsNotForwarded() throws Exception {
        UserStore users = UserStore.open(prefix);
        users.addAlias("a@one.test", List.of("b@one.test"));
        users.addAlias("b@one.test", List.of("c@one.test"));
        users.addAlias("c@one.test", List.of("out@far.example"));
        assertEquals(Optional.of("one.test"), Forwarding.of(users, 3).forwarder(List.of("a@one.test")));
        assertEquals(Optional.empty(), Forwarding.of(users, 2).forwarder(List.of("a@one.test")));
    }
}
