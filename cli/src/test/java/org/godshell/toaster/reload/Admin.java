package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.cli.Toaster;

/**
 * What the admin and the other peers see: the toaster command's output, delivery's log lines, a mailbox, the
 * wiki's answer to a push, whether anything listens on a port.
 */
public final class Admin {

    private Admin() {
    }

    /** Runs {@code toaster ARGS... --prefix PREFIX} in this process; returns what it printed, failing on exit != 0. */
    static String toaster(Installation t, String... args) {
        return toaster(t.prefix, args);
    }

    /** As {@link #toaster(Installation, String...)}, for any prefix. */
    public static String toaster(Path prefix, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        argv.addAll(List.of("--prefix", prefix.toString()));
        int exit = Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), argv.toArray(String[]::new));
        assertEquals(0, exit, "toaster " + String.join(" ", args) + ": " + err);
        return out.toString();
    }

    /** The files showconfig says {@code daemon} reads only when it starts. */
    static List<String> readAtStart(Installation t, String daemon) {
        return toaster(t, "showconfig").lines().filter(line -> line.startsWith("  " + daemon + ": "))
                .flatMap(line -> Stream.of(line.substring(daemon.length() + 4).split(" "))).toList();
    }

    /** Delivery's log line about {@code recipient} of message {@code id}, once it has one. */
    static String delivery(Installation t, String id, String recipient) throws Exception {
        return t.smtpd.awaitLine("delivery " + id + ": " + recipient + " ");
    }

    /** Waits for a message in {@link Installation#USER}'s mailbox that contains {@code text}. */
    static void inMailbox(Installation t, String text) throws Exception {
        delivered(t.prefix.resolve("domains/local.test/alice/Maildir/new"), text, "");
    }

    /**
     * Waits for a message in the Maildir directory {@code folder} (such as {@code .../Maildir/new}) that contains
     * {@code text}, and returns it; {@code whereToLook} goes into the failure, such as the logs that say why not.
     */
    public static String delivered(Path folder, String text, String whereToLook) throws Exception {
        return Await.value("a message with \"" + text + "\" in " + folder + whereToLook, () -> message(folder, text));
    }

    /** The message in the Maildir directory {@code folder} that contains {@code text}, if there is one now. */
    public static Optional<String> message(Path folder, String text) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> messages = Files.list(folder)) {
            for (Path message : messages.toList()) {
                String content = Files.readString(message, StandardCharsets.ISO_8859_1);
                if (content.contains(text)) {
                    return Optional.of(content);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The wiki's answer to the first request of a {@code git push} by {@link Installation#USER} (the ref
     * advertisement of git-receive-pack, where the editor check runs): 200 for an editor, 403 for anyone else.
     */
    static int push(Installation t) throws Exception {
        String login = Base64.getEncoder().encodeToString((Installation.USER + ":" + Installation.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.httpPort
                    + "/wiki.git/info/refs?service=git-receive-pack")).header("Authorization", "Basic " + login)
                    .timeout(Await.PATIENCE).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** The wiki's answer to a plain page request: that it serves at all. */
    static int page(Installation t) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.httpPort + "/"))
                    .timeout(Await.PATIENCE).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /**
     * The wiki's Thunderbird autoconfig answer for an address at {@code domain}: its status, and the body (a
     * clientConfig document with 200).
     */
    static HttpResponse<String> autoconfig(Installation t, String domain) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.httpPort
                    + "/mail/config-v1.1.xml?emailaddress=someone%40" + domain)).timeout(Await.PATIENCE).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A port nothing listens on now, on 127.0.0.1. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** The daemon's metrics as a scraper gets them; empty unless the answer is 200. */
    static String scrape(Daemon daemon) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(daemon.metricsUrl()))
                    .timeout(Await.PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : "";
        }
    }

    /** Whether something accepts connections at 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Await.PATIENCE.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
