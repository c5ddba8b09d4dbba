package org.godshell.toaster.deliver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.queue.QueueId;

/**
 * How {@code toaster queue flush|retry|delete} reach the running delivery process: an empty file in
 * {@code queue/requests/} named {@code flush}, {@code retry.<id>} or {@code delete.<id>}, which the runner
 * takes (deletes) and acts on within a second. Files are the interface because the CLI is another process
 * with the same rights on the queue, and a request survives a restart of the runner. Names that are none of
 * these are removed and logged, never interpreted.
 */
public final class Requests {

    /** What the admin asked for. */
    public sealed interface Request {
        /** Try every waiting message now. */
        record Flush() implements Request {
        }

        /** Try this message now. */
        record Retry(QueueId id) implements Request {
        }

        /** Remove this message without delivering or bouncing it. */
        record Delete(QueueId id) implements Request {
        }
    }

    private final Path dir;
    private final Handover handover;

    private Requests(Path dir, Handover handover) {
        this.dir = dir;
        this.handover = handover;
    }

    /** The request directory of the queue in {@code queueDir}, created (mode 0700) if missing. */
    public static Requests open(Path queueDir) throws IOException {
        return open(queueDir, Handover.KEEP);
    }

    /**
     * The same for {@code toaster queue}, which may run as root: the directory and each request are handed to the
     * delivery process's account, which must list and remove them.
     */
    public static Requests open(Path queueDir, Handover handover) throws IOException {
        Path dir = queueDir.resolve("requests");
        if (!Files.isDirectory(dir)) {
            try {
                AtomicFile.createDirectory(dir, "rwx------", handover);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        }
        return new Requests(dir, handover);
    }

    /** Leaves {@code request} for the runner; asking twice is the same as asking once. */
    public void submit(Request request) throws IOException {
        Path file = dir.resolve(name(request));
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        try {
            handover.apply(file, file);
        } catch (NoSuchFileException e) {
            return;                                            // taken already: the runner needed no more of it
        }
    }

    /** Whether {@code request} is still waiting to be taken. */
    public boolean waiting(Request request) {
        return Files.exists(dir.resolve(name(request)));
    }

    /** Takes every waiting request and hands it to {@code handler}; bad names are removed and logged. */
    void poll(Consumer<Request> handler, Consumer<String> log) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            log.accept("delivery: cannot read " + dir + ": " + e.getMessage());
            return;
        }
        for (Path entry : entries) {
            Optional<Request> request = parse(entry.getFileName().toString());
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                log.accept("delivery: cannot remove request " + entry + ": " + e.getMessage());
                continue;
            }
            request.ifPresentOrElse(handler, () -> log.accept("delivery: ignored unknown request file "
                    + entry.getFileName().toString().replaceAll("[\\x00-\\x1f\\x7f]", "?")));
        }
    }

    static Optional<Request> parse(String name) {
        if (name.equals("flush")) {
            return Optional.of(new Request.Flush());
        }
        int dot = name.indexOf('.');
        if (dot < 0 || !QueueId.isValid(name.substring(dot + 1))) {
            return Optional.empty();
        }
        QueueId id = new QueueId(name.substring(dot + 1));
        return switch (name.substring(0, dot)) {
            case "retry" -> Optional.of(new Request.Retry(id));
            case "delete" -> Optional.of(new Request.Delete(id));
            default -> Optional.empty();
        };
    }

    private static String name(Request request) {
        return switch (request) {
            case Request.Flush flush -> "flush";
            case Request.Retry retry -> "retry." + retry.id().value();
            case Request.Delete delete -> "delete." + delete.id().value();
        };
    }
}
