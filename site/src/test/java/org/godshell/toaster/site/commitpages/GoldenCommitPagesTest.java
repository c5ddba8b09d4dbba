package org.godshell.toaster.site.commitpages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.site.GoldenCases;
import org.godshell.toaster.site.TestRepo;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.WikiBuilder;
import org.godshell.toaster.site.serve.WikiServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each golden case's commit pages ({@code cases/NAME/expected/_commit/}, what a build with commit pages writes)
 * are the bytes the server answers for a site built without them: the hostile encodings and names of those
 * cases included, and the case with its own templates, whose build writes its commit pages itself.
 */
class GoldenCommitPagesTest {

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
                    Optional.of(new CommitRoute(site, repo.repository(), line -> { })), line -> { });
            server.start();
            try (HttpClient client = HttpClient.newHttpClient();
                 Stream<Path> expected = Files.list(dir.resolve("expected/_commit"))) {
                for (Path page : expected.sorted().toList()) {
                    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.httpAddresses().getFirst().getPort() + "/_commit/" + page.getFileName()))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, answer.statusCode(), page.toString());
                    assertArrayEquals(Files.readAllBytes(page), answer.body(), page.toString());
                }
            } finally {
                server.stop();
            }
        }
    }
}
