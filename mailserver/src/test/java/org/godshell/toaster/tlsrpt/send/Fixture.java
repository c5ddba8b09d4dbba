package org.godshell.toaster.tlsrpt.send;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.godshell.toaster.tlsrpt.record.RecordLookup;
import org.godshell.toaster.tlsrpt.store.DayFiles;
import org.godshell.toaster.tlsrpt.store.ResultLine;

/** A prefix with day files, a real queue, loopback DNS and a loopback HTTPS endpoint, for the sending tests. */
final class Fixture implements AutoCloseable {

    static final String ME = "mx.example.com";

    final DayFiles files;
    final Queue queue;
    final FixtureDns dns;
    final ReportServer server;
    final Reporter reporter;

    Fixture(Path prefix, Clock clock) throws Exception {
        files = DayFiles.under(prefix);
        queue = Queue.open(prefix.resolve("queue"));
        dns = new FixtureDns();
        server = new ReportServer(prefix);
        Outbox outbox = new Outbox(new Injector(queue, ME, clock), new HttpsPoster(server.trust(),
                Duration.ofSeconds(30)), clock);
        reporter = new Reporter(files, new RecordLookup(dns.dns(), Duration.ofSeconds(5)),
                Set.of("example.com", ME)::contains, () -> ME, outbox);
    }

    void write(LocalDate day, List<SessionResult> results) throws IOException {
        Files.createDirectories(files.dir());
        StringBuilder lines = new StringBuilder();
        results.forEach(result -> lines.append(ResultLine.encode(result)).append('\n'));
        Files.writeString(files.file(day), lines, StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static String gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        dns.close();
        queue.close();
    }
}
