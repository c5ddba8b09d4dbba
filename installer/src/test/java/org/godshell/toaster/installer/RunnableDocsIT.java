package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command block of the wiki marked runnable (a fenced block whose info string is {@code sh runnable}) is
 * run with bash against a temporary toaster, installed as {@code ./dev run} installs one (no root, high ports,
 * nothing started): {@code PREFIX/bin} first on PATH, {@code PREFIX} as working directory. The blocks of one page
 * run in order in one copy of that toaster, so a page's later blocks may use what its earlier ones made; each
 * page starts from a fresh copy. Every block must exit 0 (under {@code pipefail}), and none may pipe into a
 * reader that stops early, whose writer's exit then depends on timing.
 */
class RunnableDocsIT {

    /** A fence opening a code block (CommonMark: three or more backticks or tildes) and its info string. */
    static final Pattern FENCE = Pattern.compile("(`{3,}|~{3,})(.*)");
    /** A pipe into a reader that may stop before the writer is done (head, grep -q, grep -m). */
    private static final Pattern EARLY_EXIT = Pattern.compile("\\|\\s*(head\\b|grep\\s+(-\\w*[qm]))");

    @TempDir
    Path temp;

    /** One runnable block: its page, its line in the page, its text. */
    record Block(String page, int line, String text) {
        String where() {
            return page + ":" + line;
        }
    }

    @Test
    void everyRunnableBlockOfTheWikiRunsAgainstAFreshToaster() throws Exception {
        Path bash = Stream.of("/bin/bash", "/usr/bin/bash").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElse(null);
        if (bash == null) {
            String why = "bash is not installed: the wiki's runnable blocks are bash; not run";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        List<Block> blocks = blocks(Path.of("..", "wiki-content"));
        assertTrue(blocks.size() >= 8, "runnable blocks found: " + blocks.size());
        Path base = install();
        List<String> failures = new ArrayList<>();
        String page = null;
        Path prefix = null;
        for (Block block : blocks) {
            if (EARLY_EXIT.matcher(block.text()).find()) {
                // head exits after its lines; a writer still writing then dies of SIGPIPE (141) under pipefail,
                // or not, as the pipe's buffer and the machine's load decide.
                failures.add(block.where() + " pipes into head or a command that stops reading early: its exit "
                        + "depends on timing; use sed -n 1,Np, which reads to the end\n--- block:\n" + block.text());
                continue;
            }
            if (!block.page().equals(page)) {
                page = block.page();
                prefix = temp.resolve("pages").resolve(page);
                Files.createDirectories(prefix.getParent());
                run(List.of("cp", "-a", base.toString(), prefix.toString()), temp, null);
            }
            Result result = run(List.of(bash.toString(), "-e", "-o", "pipefail", "-c", block.text()), prefix, prefix);
            if (result.exit() != 0) {
                failures.add(block.where() + " exited " + result.exit() + "\n--- block:\n" + block.text()
                        + "--- output:\n" + result.output());
            }
        }
        assertEquals("", String.join("\n\n", failures), failures.size() + " of " + blocks.size() + " runnable blocks failed");
    }

    /** The runnable blocks of every page, in page-name order and then in page order. */
    static List<Block> blocks(Path folder) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> files = Files.list(folder)) {
            pages = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        for (Path file : pages) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String fence = null;
            StringBuilder text = null;
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (fence == null) {
                    Matcher open = FENCE.matcher(line);
                    if (open.matches()) {
                        fence = open.group(1);
                        text = open.group(2).strip().equals("sh runnable") ? new StringBuilder() : null;
                        start = i + 2;
                    }
                } else if (closes(line, fence)) {
                    if (text != null) {
                        blocks.add(new Block(file.getFileName().toString(), start, text.toString()));
                    }
                    fence = null;
                } else if (text != null) {
                    text.append(lines.get(i)).append('\n');
                }
            }
            if (fence != null) {
                fail(file.getFileName() + ": a code block that never ends");
            }
        }
        return blocks;
    }

    /** The toaster of ./dev run: unprivileged, not started, with the demo mailbox you@localhost. */
    private Path install() throws IOException {
        Path dist = RealDistribution.require();
        Path prefix = temp.resolve("base");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = InstallerMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "install",
                "--unprivileged", "--no-start", "--yes", "--prefix", prefix.toString(), "--payload", dist.toString(),
                "--admin", "you@localhost", "--password-file", prefix.resolveSibling("demo-password").toString());
        assertEquals(0, code, out + "\n" + err);
        return prefix;
    }

    record Result(int exit, String output) {}

    private Result run(List<String> command, Path directory, Path prefix) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        if (prefix != null) {
            builder.environment().put("PATH", prefix.resolve("bin") + ":" + System.getenv().getOrDefault("PATH",
                    "/usr/bin:/bin"));
            builder.environment().put("HOME", temp.toString());
            // The launcher's first choice: the JDK running this test, so no search under /usr/lib/jvm.
            builder.environment().put("TOASTER_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // Each block starts the JVM a few times; for such short runs the C1 compiler alone and a class-data
            // archive (made by the first run, used by the rest) halve the start-up. The commands do the same work.
            builder.environment().put("TOASTER_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                    + "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=" + temp.resolve("toaster.jsa"));
        }
        Path log = Files.createTempFile(temp, "block", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Result(-1, Files.readString(log) + "\n(killed after 120 s)");
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** Whether a line closes the fenced block {@code fence} opened: the same character, at least as many. */
    static boolean closes(String line, String fence) {
        return line.startsWith(fence) && line.chars().allMatch(c -> c == fence.charAt(0));
    }
}
