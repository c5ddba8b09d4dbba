package org.godshell.toaster.installer.step;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wiki's training start, for {@code toaster wiki serve}, {@code wiki build} and {@code wiki init}: a
 * repository of the shipped pages (PREFIX/wiki-content, by {@code toaster wiki init}, without a cache), served
 * on a loopback port the kernel picks; stopped once its start's build (the same code as {@code wiki build} and
 * the rebuild after a push) has published and it has answered a page, a search and a clone's first request.
 * The shipped pages and not the wiki's own: the time this takes stays the same whatever the wiki has become.
 */
record WikiTraining() implements Training {

    private static final Pattern LISTENING = Pattern.compile("^wiki: listening on http://127\\.0\\.0\\.1:(\\d{1,5})/");
    private static final Duration INIT_LIMIT = Duration.ofSeconds(180);
    /** A page, a search (Lucene), git's smart HTTP (JGit): what the wiki answers most. */
    private static final List<String> REQUESTS = List.of("/", "/_api/search?q=mail",
            "/wiki.git/info/refs?service=git-upload-pack");
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    @Override
    public String family() {
        return "wiki";
    }

    @Override
    public String describe() {
        return "a start of the wiki building the shipped pages";
    }

    @Override
    public void lay(StepContext context, Path scratch) throws IOException, StepException {
        ScratchPrefix.copyControl(context.root(), scratch, List.of("me"));
        Files.writeString(scratch.resolve("control/listen-http"), "127.0.0.1:0\n");
        Commands.Result init = context.commands().run(context.toaster("wiki", "init", "--prefix",
                        scratch.toString(), "--from", context.root().resolve("wiki-content").toString(), "--no-build"),
                Optional.empty(), Map.of("TOASTER_JVM_CACHE", "off"), INIT_LIMIT);
        if (!init.ok() || !Files.isDirectory(scratch.resolve("wiki/wiki.git"))) {
            throw new StepException("toaster wiki init made no repository of the shipped pages: "
                    + (init.err().isBlank() ? "exit " + init.exit() : init.err().strip()));
        }
    }

    @Override
    public List<String> arguments(Path scratch) {
        return List.of("wiki", "serve", "--prefix", scratch.toString());
    }

    @Override
    public Optional<String> exercise(BufferedReader output) throws IOException {
        int port = 0;
        boolean built = false;
        String line;
        while ((port == 0 || !built) && (line = output.readLine()) != null) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find() && Integer.parseInt(listening.group(1)) <= 65_535) {
                port = Integer.parseInt(listening.group(1));
            }
            // A failed build still leaves the start's classes to cache: the requests below are answered anyway.
            built |= line.contains(" wiki: built ") || line.contains(" wiki: the start's build failed");
        }
        if (port == 0 || !built) {
            return Optional.of("the training run of the wiki ended before it " + (port == 0 ? "listened" : "built"));
        }
        for (String path : REQUESTS) {
            get(port, path);
        }
        return Optional.empty();
    }

    /** One request, its answer read to the end and dropped: only the server's work matters here. */
    private static void get(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
    }
}
