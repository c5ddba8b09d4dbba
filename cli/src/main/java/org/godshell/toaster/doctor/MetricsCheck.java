package org.godshell.toaster.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.hostcheck.Finding;
import org.godshell.toaster.metrics.BearerToken;

/**
 * The metrics a scraper gets: smtpd's endpoint ({@code control/listen-metrics}) is asked for its page as
 * Prometheus would, with {@code control/metricstoken}, over TLS when it is off loopback (a wildcard address is
 * asked on loopback), and the page's {@code toaster_metrics_source_up} lines say whether pop3d's and the wiki's
 * figures came with it. The token goes only to this host's own port. What it finds wrong is a warning: mail
 * flows without metrics.
 *
 * @param listen where the endpoint listens
 * @param token  the token to send, when there is one
 */
public record MetricsCheck(InetSocketAddress listen, Optional<BearerToken> token) {

    /** smtpd waits up to 5 s for the daemons it gathers; this waits well beyond that. */
    private static final int TIMEOUT_MILLIS = 20_000;
    /** A page is some tens of kilobytes; reading stops here whatever answers. */
    static final int MAX_PAGE = 16 * 1024 * 1024;
    private static final Pattern UP = Pattern.compile("^toaster_metrics_source_up\\{daemon=\"([a-z0-9]{1,16})\"} "
            + "([01])$", Pattern.MULTILINE);

    /** The check of the endpoint {@code control} names; empty when its files cannot be read. */
    public static List<Finding> of(Path control) {
        Controls files = Controls.once(control);
        Optional<InetSocketAddress> listen;
        Optional<BearerToken> token;
        try {
            listen = files.get(ControlFiles.LISTEN_METRICS);
            token = files.get(ControlFiles.METRICSTOKEN);
        } catch (ConfigException e) {
            return List.of();                           // the check of every control file says what is wrong
        }
        return listen.isEmpty() ? List.of(Finding.ok("metrics: off (control/listen-metrics)"))
                : new MetricsCheck(listen.get(), token).check();
    }

    public List<Finding> check() {
        boolean tls = !listen.getAddress().isLoopbackAddress();
        InetSocketAddress asked = listen.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), listen.getPort()) : listen;
        String host = asked.getAddress().getHostAddress();
        String url = (tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + asked.getPort() + "/metrics";
        String answer;
        try (Socket plain = new Socket()) {
            plain.connect(asked, TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            answer = exchange(tls ? LocalTls.handshake(plain, asked) : plain);
        } catch (IOException | GeneralSecurityException e) {
            return List.of(Finding.warn("metrics: " + url + " does not answer (" + e.getMessage() + "): is "
                    + "toaster-smtpd running? Its log says why when it runs without metrics "
                    + "(\"metrics: not served\")"));
        }
        String status = answer.lines().findFirst().orElse("");
        if (status.matches("HTTP/1\\.[01] 401( .*)?")) {
            return List.of(Finding.warn("metrics: " + url + " refuses the token of control/metricstoken: restart "
                    + "toaster-smtpd, toaster-pop3d and toaster-wiki after changing it"));
        }
        if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
            return List.of(Finding.warn("metrics: " + url + " answers "
                    + status.substring(0, Math.min(status.length(), 80)).replaceAll("\\p{Cntrl}", "?")
                    + " instead of 200: is another program on its port?"));
        }
        return List.of(gathered(url, answer));
    }

    private static Finding gathered(String url, String page) {
        Set<String> with = new LinkedHashSet<>();
        Set<String> without = new LinkedHashSet<>();
        Matcher up = UP.matcher(page);
        while (up.find()) {
            (up.group(2).equals("1") ? with : without).add(up.group(1));
        }
        if (with.isEmpty() && without.isEmpty()) {
            return Finding.ok("metrics: " + url + " answers with smtpd's figures (pop3d's and the wiki's endpoints "
                    + "are off or not on loopback, so they are not in its page)");
        }
        if (without.isEmpty()) {
            return Finding.ok("metrics: " + url + " answers with the figures of " + String.join(", ", with));
        }
        return Finding.warn("metrics: " + url + " answers without the figures of " + String.join(", ", without)
                + ": their endpoints did not answer smtpd (is the daemon running? its control/listen-metrics-* "
                + "file; its log)");
    }

    private String exchange(Socket socket) throws IOException {
        StringBuilder request = new StringBuilder("GET /metrics HTTP/1.0\r\nHost: localhost\r\n");
        token.ifPresent(value -> request.append("Authorization: ").append(value.authorization()).append("\r\n"));
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; page.size() < MAX_PAGE && (n = in.read(buffer)) > 0; ) {
            page.write(buffer, 0, Math.min(n, MAX_PAGE - page.size()));
        }
        return page.toString(StandardCharsets.UTF_8);
    }
}
