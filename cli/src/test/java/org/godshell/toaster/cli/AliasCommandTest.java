package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code toaster alias} end to end on a temp prefix: the file it writes, what routing then does, refusals. */
class AliasCommandTest {

    @TempDir
    Path prefix;

    private StringWriter out;
    private StringWriter err;
    private Path aliases;

    @BeforeEach
    void installation() throws Exception {
        Files.createDirectories(prefix.resolve("control"));
        UserStore store = UserStore.open(prefix);
        store.addDomain("example.test");
        store.addUser("ann@example.test", "correct horse".toCharArray());
        aliases = prefix.resolve("domains/example.test/aliases");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--prefix");
        all.add(3, prefix.toString());
        return Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void wholeLifeOfAnAliasAndACatchAll() throws Exception {
        assertEquals(0, run("alias", "add", "Sales@Example.test", "ann@example.test", "Bob@Far.TEST"), err.toString());
        assertEquals("alias sales@example.test: ann@example.test, Bob@far.test\n", out.toString());
        assertEquals(0, run("alias", "add", "sales@example.test", "carol@far.test", "ann@example.test"));
        assertEquals(0, run("alias", "add", "*@example.test", "sales@example.test"), err.toString());
        assertEquals("sales: ann@example.test, Bob@far.test, carol@far.test\n*: sales@example.test\n",
                Files.readString(aliases));
        assertEquals(0, run("alias", "list"));
        assertEquals("sales@example.test: ann@example.test, Bob@far.test, carol@far.test\n"
                + "*@example.test: sales@example.test\n", out.toString());
        assertEquals(new Route.Forward(List.of("sales@example.test")), UserStore.open(prefix).route("x@example.test"));

        assertEquals(0, run("alias", "remove", "sales@example.test", "Bob@far.test"), err.toString());
        assertEquals("alias sales@example.test: ann@example.test, carol@far.test\n", out.toString());
        assertEquals(0, run("alias", "remove", "*@example.test"), err.toString());
        assertEquals("removed alias *@example.test\n", out.toString());
        assertEquals(0, run("alias", "remove", "sales@example.test", "ann@example.test", "carol@far.test"));
        assertEquals("", Files.readString(aliases));
        assertEquals(0, run("alias", "list", "example.test"));
        assertEquals("", out.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "add    | sales@nowhere.test | ann@example.test     | no domain nowhere.test",
        "add    | ann@example.test   | bob@far.test         | ann@example.test is a user",
        "add    | ANN@example.test   | bob@far.test         | ann@example.test is a user",
        "add    | sales@example.test | bob                  | is not a full address",
        "add    | sales@example.test | '|/bin/sh'           | pipes, files and :include: are not supported",
        "add    | sales@example.test | Sales@Example.test   | back to itself",
        "add    | sales@example.test | sales+x@example.test | back to itself",
        "add    | ../x@example.test  | bob@far.test         | cannot be a user name",
        "add    | sales@../etc       | bob@far.test         | is not a domain name",
        "add    | *@example.test     | nobody@example.test  | would come back to the catch-all",
        "add    | *@example.test     | postmaster@example.test | would come back to the catch-all",
        "remove | sales@example.test | ''                   | no alias sales@example.test",
    })
    void refusals(String verb, String alias, String target, String message) throws Exception {
        List<String> args = new ArrayList<>(List.of("alias", verb, alias));
        if (!target.isEmpty()) {
            args.add(target);
        }
        assertEquals(1, run(args.toArray(String[]::new)));
        assertTrue(err.toString().contains(message), err.toString());
        assertTrue(!Files.exists(aliases) || Files.readString(aliases).isEmpty(), "nothing written");
    }

    @Test
    void aTargetThatIsNotThereCannotBeRemoved() throws Exception {
        assertEquals(0, run("alias", "add", "sales@example.test", "ann@example.test"));
        assertEquals(1, run("alias", "remove", "sales@example.test", "bob@far.test"));
        assertTrue(err.toString().contains("bob@far.test is not a target of sales@example.test; its targets are "
                + "ann@example.test"), err.toString());
    }

    @Test
    void theCatchAllMayPointAtUsersAliasesAndTheirPlusAddresses() {
        assertEquals(0, run("alias", "add", "sales@example.test", "bob@far.test"));
        assertEquals(0, run("alias", "add", "*@example.test", "ann+rest@example.test", "sales@example.test",
                "x@far.test"), err.toString());
    }

    @Test
    void addWithoutTargetsIsAUsageError() {
        assertEquals(2, run("alias", "add", "sales@example.test"));
    }

    @Test
    void listReportsBadLinesAndShadowedAliasesWithFileAndLine() throws Exception {
        Files.writeString(aliases, "# ours\nsales: ann@example.test\nbroken line\nann: bob@far.test\n");
        assertEquals(1, run("alias", "list", "example.test"));
        assertEquals("sales@example.test: ann@example.test\nann@example.test: bob@far.test\n", out.toString());
        assertTrue(err.toString().contains(aliases + ":3: has no ':'"), err.toString());
        assertTrue(err.toString().contains(aliases + ":4: ann@example.test is also a user"), err.toString());
        assertEquals(1, run("alias", "list", "nowhere.test"));
    }

    @Test
    void editsKeepCommentsAndOtherLinesAndRefuseBrokenOnes() throws Exception {
        Files.writeString(aliases, "# ours\nsales: not-an-address\ninfo: ann@example.test\n");
        assertEquals(1, run("alias", "add", "sales@example.test", "bob@far.test"));
        assertTrue(err.toString().contains(aliases + ":2: the line of sales@example.test cannot be used"),
                err.toString());
        assertEquals(0, run("alias", "remove", "sales@example.test"), err.toString());
        assertEquals(0, run("alias", "add", "info@example.test", "bob@far.test"), err.toString());
        assertEquals("# ours\ninfo: ann@example.test, bob@far.test\n", Files.readString(aliases));
    }

    @Test
    void moreThanAThousandTargetsAreRefused() throws Exception {
        String[] many = IntStream.range(0, 1001).mapToObj(i -> "u" + i + "@far.test").toArray(String[]::new);
        List<String> args = new ArrayList<>(List.of("alias", "add", "list@example.test"));
        args.addAll(List.of(many));
        assertEquals(1, run(args.toArray(String[]::new)));
        assertTrue(err.toString().contains("would have 1001 targets"), err.toString());
        args.remove(args.size() - 1);
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());
        assertEquals(1000, Files.readString(aliases).chars().filter(c -> c == '@').count());
        assertEquals(IntStream.range(0, 1000).mapToObj(i -> "u" + i + "@far.test").collect(Collectors.joining(", ")),
                Files.readString(aliases).strip().substring("list: ".length()));
    }

    @Test
    void concurrentAddsLoseNothing() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    UserStore.open(prefix).addAlias("team@example.test", List.of("m" + n + "@far.test"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        Route route = UserStore.open(prefix).route("team@example.test");
        assertTrue(route instanceof Route.Forward f && f.targets().size() == 20, route.toString());
    }
}
