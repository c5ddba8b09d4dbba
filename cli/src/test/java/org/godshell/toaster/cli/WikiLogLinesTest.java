package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.filter.rspamd.JsonReading;
import org.godshell.toaster.logline.Fail2banRegex;
import org.godshell.toaster.logline.Fail2banServer;
import org.godshell.toaster.logline.LogFormat;
import org.godshell.toaster.reload.Await;
import org.godshell.toaster.reload.Daemon;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The log of a real {@code toaster wiki serve}, in both formats of control/logformat, read by the shipped
 * toaster-wiki filter with Debian's fail2ban-regex: failed pushes and browser logins match at the client's
 * address, never at one a client wrote into its user name.
 */
class WikiLogLinesTest {

    private static final String FORGED = "x from 203.0.113.9";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path prefix;

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void theShippedFilterMatchesFailedLoginsAtTheClientsAddressOnly(LogFormat format) throws Exception {
        Fail2banRegex.require();
        Path control = Files.createDirectories(prefix.resolve("control"));
        UserStore users = UserStore.open(prefix);
        users.addDomain("local.test");
        users.addUser("bob@local.test", "the right password".toCharArray());
        Map<String, String> files = Map.of("me", "wiki.test\n", "listen-http", "127.0.0.1:0\n",
                "wikieditors", "bob@local.test\n", "logformat", format.word() + "\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(control.resolve(file.getKey()), file.getValue());
        }
        Path logs = Files.createDirectories(prefix.resolve("logs"));
        String log;
        // Three failures: the throttle slows answers only after the third (SMTP AUTH page, "Password guessing").
        try (Daemon wiki = Daemon.start(prefix, logs, "wiki", "wiki", "serve");
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + wiki.port("http:");
            assertEquals(401, push(http, base, "203.0.113.9", "guess"));       // Basic user names have no spaces
            assertEquals(401, push(http, base, "bob@local.test", "wrong"));
            assertEquals(401, login(http, base, FORGED, "guess"));
            log = wiki.log();                                           // each failure is logged before its answer
        }
        assertTrue(log.contains("203.0.113.9"), log);
        if (format == LogFormat.JSON) {
            for (String line : log.lines().filter(line -> line.startsWith("{")).toList()) {
                assertEquals("wiki", ((Map<?, ?>) JsonReading.parse(line)).get("daemon"), line);
            }
        }
        Path file = logs.resolve("wiki.log");
        Fail2banRegex.Result result = Fail2banRegex.run(file, Fail2banRegex.filter("toaster-wiki"));
        assertEquals(3, result.matched(), log);
        assertEquals(result.lines() - 3, result.missed());
        assertEquals(result.lines(), result.dated(), "every line's time is read, or the fail2ban server drops it");
        assertEquals(Collections.nCopies(3, "127.0.0.1"), result.addresses(), log);
        try (Fail2banServer fail2ban = Fail2banServer.start(prefix.resolve("fail2ban"), "toaster-wiki", file, 3)) {
            assertEquals(List.of("127.0.0.1"), fail2ban.banned(3, 1));
        }
    }

    /** The first request of a push (the ref advertisement), with Basic credentials; plain HTTP is allowed on loopback. */
    private static int push(HttpClient http, String base, String user, String password) throws Exception {
        String login = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/wiki.git/info/refs?service=git-receive-pack"))
                .header("Authorization", "Basic " + login).timeout(Await.PATIENCE).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The browser's login: the form (its token and its cookie), then the post. */
    private static int login(HttpClient http, String base, String user, String password) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/_login"))
                .timeout(Await.PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        assertTrue(csrf.find(), form.body());
        String body = String.join("&", List.of("csrf=" + encode(csrf.group(1)), "next=" + encode("/"),
                "user=" + encode(user), "password=" + encode(password)));
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/_login")).header("Origin", base)
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Await.PATIENCE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
