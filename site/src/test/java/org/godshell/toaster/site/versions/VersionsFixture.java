package org.godshell.toaster.site.versions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jgit.lib.ObjectId;
import org.godshell.toaster.site.TestRepo.Entry;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.onrequest.OnRequest;
import org.godshell.toaster.site.serve.WikiServer;

/**
 * A wiki with a history worth looking back at, built and served on loopback with {@link VersionRoutes} and the
 * history pages the server renders on request: an edit by a hostile author name and message, a rename, a binary
 * page, a page with scripts, deleted again, a page over the size limit, one of more words than a word diff takes,
 * and a commit a force-push left dangling.
 */
final class VersionsFixture implements AutoCloseable {

    /** JGit drops '<' and '>' from names itself; the rest is for the templates to escape. */
    static final String HOSTILE_AUTHOR = "<script>alert(1)</script> Eve & \"Co\"";
    static final String HOSTILE_SUBJECT = "<img src=x onerror=alert(2)> faster fox";

    final TestRepo repo;
    final ObjectId created;
    final ObjectId edited;
    final ObjectId renamed;
    final ObjectId deleted;
    final ObjectId dangling;
    final WikiServer server;
    final int port;
    private final List<Entry> tree = new ArrayList<>();

    VersionsFixture(Path dir) throws Exception {
        repo = TestRepo.bare(dir.resolve("wiki.git"));
        put("Home.md", "# Home\n\nSee [[Guide]].\n");
        put("Guide.md", "# Guide\n\nThe quick brown fox jumps over the dog.\n");
        created = commit("create the guide", "Ann", 0);
        put("Guide.md", "# Guide\n\nThe quick red fox leaps over the dog.\n\n[Home](Home.html)\n");
        edited = commit(HOSTILE_SUBJECT, HOSTILE_AUTHOR, 1);
        dangling = commit("pushed, then forced away", "Mallory", 2);
        repo.resetHead(edited);
        remove("Guide.md");
        put("Manual.md", "# Guide\n\nThe quick red fox leaps over the dog.\n\n[Home](Home.html)\n");
        put("Home.md", "# Home\n\nSee [[Manual]].\n");
        put("Binary.md", "bin\0ary");
        put("Xss.md", "# Xss\n\n<script>alert(3)</script> <b onclick=\"alert(4)\">bold</b> [x](javascript:alert(5))\n");
        put("Huge.md", "word ".repeat(230_000));
        put("Long.md", "w ".repeat(40_000) + "\nthe end\n");
        renamed = commit("rename the guide", "Ann", 3);
        remove("Xss.md");
        put("Long.md", "w ".repeat(40_000) + "\nthe new end\n");
        deleted = commit("delete Xss", "Ann", 4);
        WikiBuilder.build(BuildOptions.of(dir.resolve("wiki.git"), "main", dir.resolve("site")));
        server = new WikiServer(new WikiServer.Settings(dir.resolve("site"), List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "localhost"),
                Optional.of(new Handler.Sequence(new VersionRoutes(repo.repository(), BuildOptions.of(
                        dir.resolve("wiki.git"), "main", dir.resolve("site")), System.err::println),
                        OnRequest.routes(dir.resolve("site"), repo.repository()))), System.err::println);
        server.start();
        port = server.httpAddresses().getFirst().getPort();
    }

    /** One answer to a request head sent byte for byte: status line, headers and body as text. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    Answer get(String target) throws IOException {
        return send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    Answer send(String head) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(all.substring(9, 12)), all.substring(0, end), all.substring(end + 4));
        }
    }

    String url(String target) {
        return "http://127.0.0.1:" + port + target;
    }

    private void put(String path, String text) {
        remove(path);
        tree.add(Entry.bytes(path, text.getBytes(StandardCharsets.UTF_8)));
    }

    private void remove(String path) {
        tree.removeIf(entry -> new String(entry.path(), StandardCharsets.UTF_8).equals(path));
    }

    private ObjectId commit(String message, String author, int day) throws IOException {
        return repo.commit(message, author, TestRepo.EPOCH.plus(Duration.ofDays(day)), List.copyOf(tree));
    }

    @Override
    public void close() throws Exception {
        server.stop();
        repo.close();
    }
}
