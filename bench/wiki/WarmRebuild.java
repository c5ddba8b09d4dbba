import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.godshell.toaster.site.build.BuildOptions;
import org.godshell.toaster.site.build.BuildReport;
import org.godshell.toaster.site.build.WikiBuilder;

/**
 * One-page incremental rebuilds in one long-lived JVM, the way a wiki server rebuilds after each push: edits
 * one page of the (non-bare) repository REPO, commits it with JGit, runs WikiBuilder.build on OUT, COUNT times.
 * The first WARMUP rebuilds are not counted (the JIT is still compiling). Run with the JDK's source launcher and
 * the installed toaster's jars on the class path (bench/wiki.sh does):
 *
 * <pre>
 *   java -cp 'PREFIX/lib/*' bench/wiki/WarmRebuild.java REPO OUT COUNT WARMUP
 * </pre>
 *
 * Prints each measured rebuild's milliseconds, the processor time the whole JVM spent meanwhile (all threads, the
 * JIT and the collector included: on a loaded machine wall time measures the queue for the processors as much as
 * the rebuild) and pages rendered, then "median N ms" and "median processor N ms".
 */
public class WarmRebuild {

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[2].matches("[1-9][0-9]{0,3}") || !args[3].matches("[0-9]{1,3}")) {
            System.err.println("usage: java -cp 'PREFIX/lib/*' WarmRebuild.java REPO OUT COUNT WARMUP");
            System.exit(2);
        }
        Path repo = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        Path page = repo.resolve("content/section-07/Page-0777.md");
        List<Long> times = new ArrayList<>();
        List<Long> processor = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Git git = Git.open(repo.toFile())) {
            for (int i = 0; i < warmup + count; i++) {
                Files.writeString(page, Files.readString(page, StandardCharsets.UTF_8)
                        + "\nEdit " + i + " of the warm rebuild benchmark.\n", StandardCharsets.UTF_8);
                git.add().addFilepattern("content/section-07/Page-0777.md").call();
                git.commit().setMessage("Warm rebuild " + i).setAuthor("Bench", "bench@example.org")
                        .setCommitter("Bench", "bench@example.org").call();
                long started = System.nanoTime();
                long cpuStarted = os.getProcessCpuTime();
                BuildReport report = WikiBuilder.build(BuildOptions.of(repo, "main", out));
                long millis = (System.nanoTime() - started) / 1_000_000;
                long cpuMillis = (os.getProcessCpuTime() - cpuStarted) / 1_000_000;
                if (i >= warmup) {
                    times.add(millis);
                    processor.add(cpuMillis);
                    System.out.printf("rebuild %d: %d ms, %d ms of processor, %d page(s) rendered, %d files written,"
                            + " %d kept (%s); %s%n", i - warmup + 1, millis, cpuMillis, report.rendered(),
                            report.written(), report.kept(), report.mode(), report.phases());
                }
            }
        }
        times.sort(null);
        System.out.printf("median %d ms%n", times.get(times.size() / 2));
        processor.sort(null);
        System.out.printf("median processor %d ms%n", processor.get(processor.size() / 2));
    }
}
