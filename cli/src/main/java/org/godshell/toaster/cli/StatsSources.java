package org.godshell.toaster.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.godshell.toaster.layout.Daemons;
import org.godshell.toaster.layout.InstallRecordFile;
import org.godshell.toaster.logstats.LogInput;
import org.godshell.toaster.logstats.MixedLineReader;
import org.godshell.toaster.logstats.Tally;
import org.godshell.toaster.supervise.RotatingLog;

/**
 * Where {@code toaster stats} reads: files named with {@code --log}; else, in a system install, the journal of
 * smtpd's and pop3d's units ({@code journalctl}, run with an argument list, never a shell); else the files
 * {@code toaster start} writes, {@code log/NAME.log} and its rotations ({@link RotatingLog}).
 */
sealed interface StatsSources {

    /** The daemons whose logs hold mail: the wiki's logs none. */
    List<String> DAEMONS = List.of("smtpd", "pop3d");

    /** Reads every line from {@code since} on into {@code tally}; {@code warn} hears what the admin should know. */
    void read(Instant since, Tally tally, Consumer<String> warn) throws IOException;

    static StatsSources files(List<Path> files) {
        return new LogFiles(files);
    }

    /** The installation's own logs. */
    static StatsSources of(Path prefix) throws IOException {
        if (InstallRecordFile.system(InstallRecordFile.read(prefix))) {
            return new Journal();
        }
        List<Path> files = new ArrayList<>();
        for (String daemon : DAEMONS) {
            Path current = prefix.resolve("log").resolve(daemon + ".log");
            for (int n = RotatingLog.KEEP; n >= 1; n--) {
                files.add(current.resolveSibling(current.getFileName() + "." + n));
            }
            files.add(current);
        }
        List<Path> there = files.stream().filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
        if (there.isEmpty()) {
            throw new IOException("no logs in " + prefix.resolve("log") + " (smtpd.log, pop3d.log): give them with "
                    + "--log FILE, or pipe journalctl -o cat into --log -");
        }
        return new LogFiles(there);
    }

    /** Files, or standard input for {@code -}. */
    record LogFiles(List<Path> files) implements StatsSources {
        @Override
        public void read(Instant since, Tally tally, Consumer<String> warn) throws IOException {
            for (Path file : files) {
                if (file.toString().equals("-")) {
                    new LogInput().read(System.in, tally.sink(new MixedLineReader()));
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    new LogInput().read(in, tally.sink(new MixedLineReader()));
                }
            }
        }
    }

    /** The journal of the toaster's units, from {@code since} on (journalctl reads only that far back). */
    record Journal() implements StatsSources {

        /** {@code journalctl} as run: {@code -o cat} gives the daemon's own line, with its own time. */
        static List<String> command(Instant since) {
            List<String> command = new ArrayList<>(List.of("journalctl", "--no-pager", "--output=cat",
                    "--since=@" + since.getEpochSecond()));
            DAEMONS.forEach(daemon -> command.add("--unit=" + Daemons.unit(daemon)));
            return command;
        }

        @Override
        public void read(Instant since, Tally tally, Consumer<String> warn) throws IOException {
            Process process = new ProcessBuilder(command(since)).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> keep(process.getErrorStream(), errors));
            try (InputStream in = process.getInputStream()) {
                new LogInput().read(in, tally.sink(new MixedLineReader()));
            }
            try {
                drain.join();
                int exit = process.waitFor();
                String said = errors.toString(StandardCharsets.UTF_8).strip();
                if (exit != 0) {
                    throw new IOException("journalctl failed (exit " + exit + ")"
                            + (said.isEmpty() ? "" : ": " + said));
                }
                if (!said.isEmpty()) {
                    warn.accept("journalctl: " + said);
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the journal", e);
            }
        }

        /** Keeps the first 4 KiB of what journalctl says on stderr (a permission problem), drains the rest. */
        private static void keep(InputStream in, ByteArrayOutputStream kept) {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    kept.write(buffer, 0, Math.min(n, Math.max(0, 4096 - kept.size())));
                }
            } catch (IOException e) {
                // journalctl ended; what it said so far is kept
            }
        }
    }
}
