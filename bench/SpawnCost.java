import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * What one plugin process costs this machine, started the way the toaster's PluginRunner starts it
 * (ProcessBuilder, an environment of only the given variables plus PATH, stdin /dev/null, stdout and stderr
 * read to the end, then waitFor). Run with the JDK's source launcher, no build needed:
 *
 * <pre>
 *   java [-Djdk.lang.Process.launchMechanism=FORK|POSIX_SPAWN|VFORK] bench/SpawnCost.java \
 *        COUNT CONCURRENCY [NAME=VALUE ...] PROGRAM [ARG ...]
 * </pre>
 *
 * Prints one line: the launch mechanism, the wall time per run, runs per second, and the CPU time per run of
 * this JVM plus its children (the children's from /proc/self/stat, which counts them once reaped). 100 runs
 * before the measured ones are not counted. bench/spawn-cost.sh runs the matrix.
 */
public class SpawnCost {

    /** The unit of /proc/self/stat's times: 100 on every Linux architecture the toaster runs on. */
    private static final long USER_HZ = 100;

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !args[0].matches("[1-9][0-9]{0,6}") || !args[1].matches("[1-9][0-9]{0,3}")) {
            System.err.println("usage: java bench/SpawnCost.java COUNT CONCURRENCY [NAME=VALUE ...] PROGRAM [ARG ...]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        Map<String, String> env = new LinkedHashMap<>();
        int i = 2;
        while (i < args.length && args[i].matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            int eq = args[i].indexOf('=');
            env.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            i++;
        }
        List<String> argv = List.of(args).subList(i, args.length);
        if (argv.isEmpty()) {
            System.err.println("SpawnCost: no program to run");
            System.exit(2);
        }
        for (int w = 0; w < 100; w++) {
            run(argv, env);
        }
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore slots = new Semaphore(concurrency);
            for (int n = 0; n < count; n++) {
                slots.acquire();
                pool.submit(() -> {
                    try {
                        run(argv, env);
                    } finally {
                        slots.release();
                    }
                    return null;
                });
            }
        }
        stopSpawner();
        double wallMs = (System.nanoTime() - t0) / 1e6;
        double cpuMs = (cpuNanos() - cpu0) / 1e6;
        System.out.printf("%-12s concurrency %3d  %-40s %7.2f ms wall/run %7.0f runs/s %7.2f ms CPU/run%n",
                SPAWNER.isEmpty() ? System.getProperty("jdk.lang.Process.launchMechanism", "(default)") : "perl spawner",
                concurrency,
                String.join(" ", argv), wallMs / count, count * 1000 / wallMs, cpuMs / count);
    }

    /** -Dspawner=bench/spawner-prototype.pl: plugins are started by that one perl process instead. */
    private static final String SPAWNER = System.getProperty("spawner", "");
    private static Process spawner;

    private static void run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        if (!SPAWNER.isEmpty()) {
            spawn(argv, env);
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        process.getErrorStream().readAllBytes();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(argv + " exited " + exit);
        }
    }

    /** One request to the prototype spawner; one at a time (its protocol has no request ids). */
    private static synchronized void spawn(List<String> argv, Map<String, String> env) throws IOException {
        if (spawner == null) {
            spawner = new ProcessBuilder("/usr/bin/perl", SPAWNER).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        }
        StringBuilder fields = new StringBuilder().append(argv.size());
        argv.forEach(arg -> fields.append('\0').append(arg));
        fields.append("\0PATH=/usr/local/bin:/usr/bin:/bin");
        env.forEach((name, value) -> fields.append('\0').append(name).append('=').append(value));
        byte[] payload = fields.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var to = new java.io.DataOutputStream(spawner.getOutputStream());
        to.writeInt(payload.length);
        to.write(payload);
        to.flush();
        var from = new java.io.DataInputStream(spawner.getInputStream());
        byte[] answer = from.readNBytes(from.readInt());
        String status = new String(answer, java.nio.charset.StandardCharsets.UTF_8).split("\0", 2)[0];
        if (!status.equals("0")) {
            throw new IllegalStateException(argv + " ended with wait status " + status);
        }
    }

    /** Ends the spawner and reaps it, so that its CPU time and its children's count in cutime. */
    private static void stopSpawner() throws IOException, InterruptedException {
        if (spawner != null) {
            spawner.getOutputStream().close();
            spawner.waitFor();
        }
    }

    /** This JVM's CPU time plus that of its reaped children (utime + stime + cutime + cstime of /proc/self/stat). */
    private static long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, so index 11; cstime index 14.
        long ticks = 0;
        for (int f = 11; f <= 14; f++) {
            ticks += Long.parseLong(fields[f]);
        }
        return ticks * (1_000_000_000L / USER_HZ);
    }
}
