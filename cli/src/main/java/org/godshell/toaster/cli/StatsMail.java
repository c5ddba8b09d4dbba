package org.godshell.toaster.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.deliver.Injector;
import org.godshell.toaster.deliver.MailFlags;
import org.godshell.toaster.deliver.Requests;
import org.godshell.toaster.layout.Owners;
import org.godshell.toaster.logstats.ReportMail;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.queue.QueueId;

/**
 * {@code toaster stats --mail}: the report into the installation's queue through the {@link Injector}, the
 * same durable commit as bounces and TLS reports, from {@code postmaster@ME}; then handed to the running
 * delivery as a {@code toaster queue retry}, since a message queued by another process is not heard of at once.
 */
final class StatsMail {

    private StatsMail() {
    }

    /** Returns the line to print: where the report went. */
    static String queue(Path prefix, String recipient, Instant now, Instant since, String report)
            throws IOException, ConfigException {
        Path queueDir = prefix.resolve("queue");
        String owner = Files.getOwner(queueDir).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException("sending queues mail as the owner of " + queueDir + "; run it as " + owner
                    + " (sudo -u " + owner + " toaster stats --mail ...)");
        }
        String me = Controls.once(prefix.resolve("control")).get(ControlFiles.ME);
        byte[] unique = new byte[8];
        new SecureRandom().nextBytes(unique);
        byte[] message = ReportMail.write(me, recipient, now, since, HexFormat.of().formatHex(unique), report);
        QueueId id;
        try (Queue queue = Queue.open(queueDir)) {
            id = new Injector(queue, me, Clock.systemUTC()).inject("postmaster@" + me, List.of(recipient), "",
                    new ByteArrayInputStream(message), MailFlags.of(message));
        }
        Requests.open(queueDir, Owners.of(prefix)::handOver).submit(new Requests.Request.Retry(id));
        return "stats queued for <" + recipient + "> as " + id.value();
    }
}
