package org.godshell.toaster.deliver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.queue.QueueId;

/**
 * How {@code toaster queue flush|retry|delete} reach the running delivery process: an empty file in
 * {@code queue/requests/} named {@code flush}, {@code retry.<id>}, {@code delete.<id>}, {@code pause.<token>} or
 * {@code resume.<token>}, which the runner takes (deletes) and acts on within a second. Files are the interface because the CLI is another process
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

        /** Start no attempt for a while and say so in {@code queue/paused} once none runs ({@link QueueSnapshot}). */
        record Pause(String token) implements Request {
            public Pause {
                requireToken(token);
            }
        }

        /** End the pause {@code token} asked for. */
        record Resume(String token) implements Request {
            public Resume {
                requireToken(token);
            }
        }
    }

    /** A pause's token: 16 characters of {@code 0-9a-z}, so that it is a safe file name and a safe log word. */
    static final Pattern TOKEN = Pattern.compile("[0-9a-z]{16}");

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

    /**
     * Takes every waiting request and hands it to {@code handler}, pauses first and resumes last, so that a
     * pause and its resume taken together cancel out whatever order the directory lists them in; bad names are
     * removed and logged.
     */
    void poll(Consumer<Request> handler, Consumer<String> log) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            log.accept("delivery: cannot read " + dir + ": " + e.getMessage());
            return;
        }
        List<Request> taken = new ArrayList<>();
        for (Path entry : entries) {
            Optional<Request> request = parse(entry.getFileName().toString());
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                log.accept("delivery: cannot remove request " + entry + ": " + e.getMessage());
                continue;
            }
            request.ifPresentOrElse(taken::add, () -> log.accept("delivery: ignored unknown request file "
                    + entry.getFileName().toString().replaceAll("[\\x00-\\x1f\\x7f]", "?")));
        }
        taken.sort(Comparator.comparingInt(Requests::rank));
        taken.forEach(handler);
    }

    private static int rank(Request request) {
        return switch (request) {
            case Request.Pause pause -> 0;
            case Request.Resume resume -> 2;
            default -> 1;
        };
    }

    static Optional<Request> parse(String name) {
        if (name.equals("flush")) {
            return Optional.of(new Request.Flush());
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String verb = name.substring(0, dot);
        String argument = name.substring(dot + 1);
        return switch (verb) {
            case "retry", "delete" -> QueueId.isValid(argument)
                    ? Optional.of(verb.equals("retry") ? new Request.Retry(new QueueId(argument))
                            : new Request.Delete(new QueueId(argument)))
                    : Optional.empty();
            case "pause", "resume" -> TOKEN.matcher(argument).matches()
                    ? Optional.of(verb.equals("pause") ? new Request.Pause(argument) : new Request.Resume(argument))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static void requireToken(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a pause token is 16 characters of 0-9a-z");
        }
    }

    private static String name(Request request) {
        return switch (request) {
            case Request.Flush flush -> "flush";
            case Request.Retry retry -> "retry." + retry.id().value();
            case Request.Delete delete -> "delete." + delete.id().value();
            case Request.Pause pause -> "pause." + pause.token();
            case Request.Resume resume -> "resume." + resume.token();
        };
    }
}
