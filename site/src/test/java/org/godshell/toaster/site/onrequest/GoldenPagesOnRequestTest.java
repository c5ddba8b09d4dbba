package org.godshell.toaster.site.onrequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.site.GoldenCases;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.page.Urls;
import org.godshell.toaster.site.serve.WikiServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each golden case's commit and history pages ({@code cases/NAME/expected/_commit/} and {@code _history/}, what a
 * static export's build writes) are the bytes the server answers for a site built without them: the hostile
 * encodings and names of those cases included, the histories of deleted pages and the redirects at former names
 * (which every build writes), and the case with its own templates, whose build writes them all itself.
 */
class GoldenPagesOnRequestTest {

    @TempDir
    Path temp;

    static List<String> cases() throws IOException {
        return GoldenCases.names();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theServedPagesAreTheGoldenFiles(String name) throws Exception {
        Path dir = GoldenCases.CASES.resolve(name);
        Path site = temp.resolve("site");
        try (TestRepo repo = TestRepo.bare(temp.resolve("wiki.git"))) {
            GoldenCases.replay(dir, repo);
            WikiBuilder.build(BuildOptions.of(temp.resolve("wiki.git"), "main", site));
            WikiServer server = new WikiServer(new WikiServer.Settings(site, List.of(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 0)), List.of(), Optional.empty(), "localhost"),
                    Optional.of(OnRequest.routes(site, repo.repository())), line -> { });
            server.start();
            try (HttpClient client = HttpClient.newHttpClient()) {
                List<Path> pages = expected(dir.resolve("expected"));
                assertFalse(pages.isEmpty(), "every case has a page's history");
                for (Path page : pages) {
                    String path = dir.resolve("expected").relativize(page).toString();
                    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.httpAddresses().getFirst().getPort() + "/" + Urls.encodePath(path))).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, answer.statusCode(), path);
                    assertArrayEquals(Files.readAllBytes(page), answer.body(), path);
                }
            } finally {
                server.stop();
            }
        }
    }

    private static List<Path> expected(Path expected) throws IOException {
        List<Path> pages = new ArrayList<>();
        for (String folder : List.of("_commit", "_history")) {
            if (Files.isDirectory(expected.resolve(folder))) {
                try (Stream<Path> files = Files.walk(expected.resolve(folder))) {
                    files.filter(Files::isRegularFile).sorted().forEach(pages::add);
                }
            }
        }
        return pages;
    }
}
