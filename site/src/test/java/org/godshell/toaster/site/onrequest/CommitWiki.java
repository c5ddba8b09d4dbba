package org.godshell.toaster.site.onrequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.TestRepo.Entry;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.serve.RawHttp;
import org.godshell.toaster.site.serve.RawHttp.Answer;
import org.godshell.toaster.site.serve.WikiServer;

/**
 * A wiki with a history, built twice: at {@code site} as the server's builds are (no commit pages) and at
 * {@code export} with them written, the oracle of what the server renders on request. Beside main's history it
 * holds a commit of another branch, a commit a force-push left dangling and a commit that touched no page. The
 * site is served on loopback with the routes of pages on request ({@link CommitRoute}, {@link HistoryRoute}).
 */
final class CommitWiki implements AutoCloseable {

    final Path dir;
    final TestRepo repo;
    final ObjectId created;
    final ObjectId edited;
    final ObjectId picture;
    final ObjectId renamed;
    final ObjectId otherBranch;
    final ObjectId dangling;
    final PublishedPages published;
    final List<String> log = new ArrayList<>();
    private final List<Entry> tree = new ArrayList<>();
    private WikiServer server;
    private int day;

    CommitWiki(Path dir, long cacheBytes, int atOnce) throws Exception {
        this.dir = dir;
        repo = TestRepo.bare(dir.resolve("wiki.git"));
        put("Home.md", "# Home\n\nSee [[Guide]].\n");
        put("Guide.md", "---\ntitle: The guide\n---\nThe quick brown fox <jumps> & runs.\n");
        created = commit("create the guide", "Ann");
        put("Guide.md", "---\ntitle: The guide\n---\nThe quick red fox <leaps> & runs.\n");
        edited = commit("<b>edit</b> the guide", "Eve & \"Co\"");
        put("Guide.md", "---\ntitle: The guide\n---\nA line only the other branch has.\n");
        otherBranch = commit("on another branch", "Mallory");
        RefUpdate branch = repo.repository().updateRef("refs/heads/other");
        branch.setNewObjectId(otherBranch);
        branch.update();
        repo.resetHead(edited);
        put("Guide.md", "---\ntitle: The guide\n---\nPushed, then forced away.\n");
        dangling = commit("forced away", "Mallory");
        repo.resetHead(edited);
        put("Guide.md", "---\ntitle: The guide\n---\nThe quick red fox <leaps> & runs.\n");
        tree.add(Entry.bytes("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        picture = commit("a picture, no page", "Ann");
        move("Guide.md", "Manual.md");
        put("Home.md", "# Home\n\nSee [[Manual]].\n");
        renamed = commit("rename the guide", "Ann");
        published = new PublishedPages(dir.resolve("site"), log::add, cacheBytes, atOnce);
        build();
        server = new WikiServer(new WikiServer.Settings(dir.resolve("site"), List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "localhost"),
                Optional.of(new Handler.Sequence(new CommitRoute(published, repo.repository()),
                        new HistoryRoute(published))), (Consumer<String>) line -> { });
        server.start();
    }

    /** Builds main at {@code site} as the server does and at {@code export} with commit pages written. */
    void build() throws IOException {
        WikiBuilder.build(BuildOptions.of(dir.resolve("wiki.git"), "main", dir.resolve("site")));
        WikiBuilder.build(BuildOptions.of(dir.resolve("wiki.git"), "main", dir.resolve("export")).staticExport(true));
    }

    /** The commit pages the export's build wrote, by commit id. */
    Map<String, byte[]> exported() throws IOException {
        Map<String, byte[]> pages = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("export").toRealPath().resolve("_commit"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                pages.put(name.substring(0, name.length() - ".html".length()), Files.readAllBytes(file));
            }
        }
        return pages;
    }

    ObjectId commit(String message, String author) throws IOException {
        return repo.commit(message, author, TestRepo.EPOCH.plus(Duration.ofDays(day++)), List.copyOf(tree));
    }

    void put(String path, String text) {
        tree.removeIf(entry -> new String(entry.path(), StandardCharsets.UTF_8).equals(path));
        tree.add(Entry.bytes(path, text.getBytes(StandardCharsets.UTF_8)));
    }

    private void move(String from, String to) {
        Entry moved = tree.stream().filter(e -> new String(e.path(), StandardCharsets.UTF_8).equals(from))
                .findFirst().orElseThrow();
        tree.remove(moved);
        tree.add(Entry.bytes(to, moved.content()));
    }

    Answer get(String target, String... headers) throws IOException {
        return send("GET", target, headers);
    }

    Answer send(String method, String target, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return RawHttp.send(server.httpAddresses().getFirst().getPort(), head.toString(), new byte[0]);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        repo.close();
    }
}
