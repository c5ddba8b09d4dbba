package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.godshell.toaster.installer.settings.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM cache step with a stand-in {@code bin/toaster} (and a stand-in wiki server on loopback): the training
 * runs' scratch prefixes, the caches they leave, a cache older than a jar made again, and training runs that
 * fail (or lie) leaving the install to go on.
 */
class JvmCacheStepTest {

    private static final Training SMTPD = new SmtpdTraining();
    private static final Training WIKI = new WikiTraining();

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private JvmCacheStep step;
    private ServerSocket wiki;

    @BeforeEach
    void prefix() throws Exception {
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/toaster-cli.jar"), "jar");
        Files.setLastModifiedTime(root.resolve("lib/toaster-cli.jar"), FileTime.fromMillis(1_000_000L));
        Files.createDirectories(root.resolve("control"));
        Files.writeString(root.resolve("control/me"), "mail.example.org\n");
        Files.writeString(root.resolve("control/servercert.pem"), "key and certificate\n");
        Files.writeString(root.resolve("control/smtpplugins"), "plugins/reject\n");
        Files.createDirectories(root.resolve("wiki-content"));
        Files.writeString(root.resolve("wiki-content/Home.md"), "# Home\n");
        step = new JvmCacheStep(Contexts.of(root, Mode.UNPRIVILEGED, Optional.empty(), out));
        wiki = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::answer);
    }

    @AfterEach
    void close() throws IOException {
        wiki.close();
    }

    /** The stand-in wiki server's answers: each request line noted, an empty 200. */
    private void answer() {
        while (!wiki.isClosed()) {
            try (Socket socket = wiki.accept()) {
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                int c;
                while (head.indexOf("\r\n\r\n") < 0 && (c = in.read()) != -1) {
                    head.append((char) c);
                }
                requests.add(head.substring(0, head.indexOf("\r\n")));
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * A bin/toaster for the training runs: {@code wiki init} makes the scratch repository; smtpd and the wiki say
     * what {@code smtpd} and {@code wiki} (lines of their output) say, then on SIGTERM write a line (as the JVM
     * that assembles the cache does: it dies of SIGPIPE if its output was closed) and their cache.
     */
    private void launcher(String smtpd, String wikiSays) throws Exception {
        launcher(smtpd, wikiSays, true);
    }

    /** As above; a wiki that does not {@code stay} exits after saying its lines, as smtpd does when it does not listen. */
    private void launcher(String smtpd, String wikiSays, boolean stay) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        String script = "#!/bin/sh\n"
                + "if [ \"$1 $2\" = 'wiki init' ]; then\n"
                + "  [ \"$TOASTER_JVM_CACHE\" = off ] || exit 3\n"
                + "  ls \"$6\" > '" + root.resolve("init-from") + "'\n"
                + "  mkdir -p \"$4/wiki/wiki.git\"; exit 0\n"
                + "fi\n"
                + "[ \"$TOASTER_JVM_CACHE\" = create ] || exit 3\n"
                + "if [ \"$1\" = smtpd ]; then\n"
                + "  ls \"$3/control\" > '" + root.resolve("scratch-control") + "'\n"
                + "  cat \"$3/control/listen-smtp\" > '" + root.resolve("scratch-listen") + "'\n"
                + "  trap 'echo Picked up >&2; umask 077; echo cache > \"" + step.cacheFile(SMTPD) + "\"; exit 143' TERM\n"
                + "  printf '%b' '" + smtpd + "'\n"
                + (smtpd.contains("listening") ? "" : "  exit 1\n")
                + "else\n"
                + "  ls \"$4/control\" > '" + root.resolve("wiki-control") + "'\n"
                + "  cat \"$4/control/listen-http\" > '" + root.resolve("wiki-listen") + "'\n"
                + "  trap 'echo Picked up >&2; umask 077; echo cache > \"" + step.cacheFile(WIKI) + "\"; exit 143' TERM\n"
                + "  printf '%b' '" + wikiSays + "'\n"
                + (stay ? "" : "  exit 1\n")
                + "fi\n"
                + "while :; do sleep 0.05; done\n";
        Files.writeString(bin.resolve("toaster"), script);
        Files.setPosixFilePermissions(bin.resolve("toaster"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String listening() {
        return "wiki: listening on http://127.0.0.1:" + wiki.getLocalPort() + "/\\n";
    }

    private static final String SMTPD_LISTENS = "smtpd: listening on 127.0.0.1:40000 as mail.example.org\\n";
    private static final String BUILT = "2026-12-07T10:00:00Z wiki: built 40 pages from 0123456789ab\\n";

    private List<Path> temporaryTrainingPrefixes() throws Exception {
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith("toaster-training")).toList();
        }
    }

    @Test
    void theTrainingRunsLeaveACacheEachNamedAfterTheJavaAndNoScratchPrefix() throws Exception {
        Path smtpd = step.cacheFile(SMTPD);
        Path wikiCache = step.cacheFile(WIKI);
        String java = "java-" + Runtime.version().feature();
        assertTrue(smtpd.getFileName().toString().startsWith(java), smtpd.toString());
        assertTrue(smtpd.getFileName().toString().matches("java-[0-9A-Za-z.+-]+-smtpd\\.(aot|jsa)"), smtpd.toString());
        assertTrue(wikiCache.getFileName().toString().matches("java-[0-9A-Za-z.+-]+-wiki\\.(aot|jsa)"),
                wikiCache.toString());
        Files.createDirectories(smtpd.getParent());
        Files.writeString(smtpd.resolveSibling("java-20.0.1.jsa"), "another Java's");
        Files.writeString(smtpd.resolveSibling(smtpd.getFileName().toString().replace("-smtpd", "")), "older install's");
        List<Path> before = temporaryTrainingPrefixes();
        launcher(SMTPD_LISTENS, listening() + BUILT);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone(), out.toString());
        for (Path cache : List.of(smtpd, wikiCache)) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(smtpd.getParent())));
        try (Stream<Path> left = Files.list(smtpd.getParent())) {
            assertEquals(List.of(smtpd, wikiCache), left.sorted().toList(), "the other caches are gone");
        }
        assertEquals(List.of("listen-smtp", "listen-submission", "me", "servercert.pem"),
                Files.readAllLines(root.resolve("scratch-control")), "no plugins in the training run");
        assertEquals("127.0.0.1:0", Files.readString(root.resolve("scratch-listen")).strip());
        assertEquals(List.of("listen-http", "me"), Files.readAllLines(root.resolve("wiki-control")),
                "plain HTTP: no certificate in the wiki's training run");
        assertEquals("127.0.0.1:0", Files.readString(root.resolve("wiki-listen")).strip());
        assertEquals(List.of("Home.md"), Files.readAllLines(root.resolve("init-from")), "the shipped pages");
        assertEquals(List.of("GET / HTTP/1.1", "GET /_api/search?q=mail HTTP/1.1",
                "GET /wiki.git/info/refs?service=git-upload-pack HTTP/1.1"), requests);
        assertTrue(out.toString().contains(wikiCache.getFileName() + ": 0 MB, by a start of the wiki"), out.toString());
        assertEquals(before, temporaryTrainingPrefixes());
    }

    @Test
    void aCacheOlderThanAJarIsMadeAgain() throws Exception {
        Files.createDirectories(step.cacheFile(SMTPD).getParent());
        Files.writeString(step.cacheFile(SMTPD), "cache");
        assertFalse(step.isDone(), "the wiki's is missing");
        Files.writeString(step.cacheFile(WIKI), "cache");
        assertTrue(step.isDone());
        Files.setLastModifiedTime(root.resolve("lib/toaster-cli.jar"),
                FileTime.fromMillis(Files.getLastModifiedTime(step.cacheFile(WIKI)).toMillis() + 60_000));
        assertFalse(step.isDone());
    }

    @Test
    void aSymbolicLinkOrAnEmptyFileIsNoCache() throws Exception {
        Files.createDirectories(step.cacheFile(SMTPD).getParent());
        Files.writeString(root.resolve("elsewhere"), "cache");
        Files.createSymbolicLink(step.cacheFile(SMTPD), root.resolve("elsewhere"));
        Files.writeString(step.cacheFile(WIKI), "");
        assertFalse(step.isDone());
        Files.delete(step.cacheFile(SMTPD));
        Files.writeString(step.cacheFile(SMTPD), "cache");
        assertFalse(step.isDone(), "the wiki's is empty");
    }

    @Test
    void aTrainingRunThatFailsLeavesNoCacheOfItsOwnAndTheInstallGoesOn() throws Exception {
        launcher("smtpd: cannot bind\\n", listening() + BUILT);
        step.apply();
        assertFalse(Files.exists(step.cacheFile(SMTPD)));
        assertTrue(Files.exists(step.cacheFile(WIKI)), out.toString());
        assertTrue(out.toString().contains("no smtpd cache (the training run of smtpd ended without listening)"),
                out.toString());
        assertFalse(step.isDone());
    }

    @Test
    void aWikiThatStopsBeforeItsBuildOrSaysAnotherAddressLeavesNoWikiCache() throws Exception {
        for (String says : List.of(listening(), BUILT, "wiki: listening on http://127.0.0.1:99999/\\n" + BUILT,
                "wiki: listening on http://192.0.2.1:" + wiki.getLocalPort() + "/\\n" + BUILT, "")) {
            out.getBuffer().setLength(0);
            launcher(SMTPD_LISTENS, says, false);
            step.apply();
            assertFalse(Files.exists(step.cacheFile(WIKI)), says);
            assertTrue(out.toString().contains("no wiki cache (the training run of the wiki ended before it"),
                    says + ": " + out);
            assertTrue(Files.exists(step.cacheFile(SMTPD)), out.toString());
        }
        assertEquals(List.of(), requests, "no request to a port the wiki did not say, nor to another host");
    }

    @Test
    void withoutALauncherNeitherCacheIsMadeAndTheInstallGoesOn() throws Exception {
        step.apply();
        assertFalse(Files.exists(step.cacheFile(SMTPD)));
        assertFalse(Files.exists(step.cacheFile(WIKI)));
        assertTrue(out.toString().contains("no smtpd cache ("), out.toString());
        assertTrue(out.toString().contains("no wiki cache ("), out.toString());
    }

    @Test
    void aWikiInitThatFailsIsSaid() throws Exception {
        launcher(SMTPD_LISTENS, listening() + BUILT);
        Files.writeString(root.resolve("bin/toaster"), Files.readString(root.resolve("bin/toaster"))
                .replace("mkdir -p \"$4/wiki/wiki.git\"; exit 0", "echo 'no such folder' >&2; exit 1"));
        step.apply();
        assertFalse(Files.exists(step.cacheFile(WIKI)));
        assertTrue(out.toString().contains("no wiki cache (toaster wiki init made no repository of the shipped pages: "
                + "no such folder)"), out.toString());
    }
}
