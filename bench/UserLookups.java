import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * bench/users.sh's driver: fills a files prefix and a PostgreSQL database with the same users, then measures
 * the toaster's own lookups ({@link UserStore#route} for RCPT, {@link UserStore#verify} for AUTH) on each,
 * alternating the two, with the JVM's CPU and the PostgreSQL server's (the postmaster and its backends, from
 * /proc) per lookup. Run by the source launcher with the distribution's jars:
 *
 * <pre>
 *   java -cp 'DIST/lib/*' bench/UserLookups.java FILES_PREFIX PG_PREFIX PG_PORT PASSWORD_FILE POSTMASTER_PID \
 *        DOMAINS USERS BIG_USERS SECONDS WARMUP_SECONDS THREADS[,THREADS...]
 * </pre>
 *
 * Both prefixes already hold control/me and control/userdb (files; postgresql://toaster@127.0.0.1:PORT/toaster).
 * Every lookup's answer is checked (an existing user must route to its Maildir, a wrong answer stops the run):
 * no figure is printed for work that did not happen.
 */
public final class UserLookups {

    private static final String PASSWORD = "bench password 1";
    private static final String BIG = "big.bench.test";
    private static final String ME = "bench.localhost";
    private static final long TICK_NS = 10_000_000L;

    private final Path filesPrefix;
    private final int domains;
    private final int users;
    private final int bigUsers;
    private final long postmaster;
    /** The first cause of a counted failure per side and kind of lookup, for the report. */
    private final Map<String, String> causes = new LinkedHashMap<>();

    /**
     * A failure the toaster's callers live with, counted rather than ending the run: a lookup that threw
     * UserStoreException (smtpd answers 451 and the client tries again) or a right password refused.
     */
    private static final class Counted extends RuntimeException {
        Counted(String message) {
            super(message, null, false, false);
        }
    }

    /** A lookup: one call, its answer checked; the random source is the calling thread's own. */
    @FunctionalInterface
    private interface Op {
        void run(SplittableRandom random) throws Exception;
    }

    /** One measurement: calls done, wall time, this JVM's CPU and the server's, in nanoseconds. */
    private record Result(long ops, long wallNs, long jvmCpuNs, long serverCpuNs, long failed) {
        double perSecond() {
            return ops * 1e9 / wallNs;
        }

        double cpuMicros() {
            return (jvmCpuNs + serverCpuNs) / 1e3 / ops;
        }

        double serverMicros() {
            return serverCpuNs / 1e3 / ops;
        }
    }

    private UserLookups(Path filesPrefix, int domains, int users, int bigUsers, long postmaster) {
        this.filesPrefix = filesPrefix;
        this.domains = domains;
        this.users = users;
        this.bigUsers = bigUsers;
        this.postmaster = postmaster;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 11) {
            System.err.println("usage: java -cp 'DIST/lib/*' bench/UserLookups.java FILES_PREFIX PG_PREFIX PG_PORT"
                    + " PASSWORD_FILE POSTMASTER_PID DOMAINS USERS BIG_USERS SECONDS WARMUP_SECONDS THREADS");
            System.exit(2);
        }
        Path pgPrefix = Path.of(args[1]);
        String jdbc = "jdbc:postgresql://127.0.0.1:" + Integer.parseInt(args[2]) + "/toaster";
        String secret = Files.readString(Path.of(args[3])).strip();
        UserLookups bench = new UserLookups(Path.of(args[0]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                Integer.parseInt(args[7]), Long.parseLong(args[4]));
        long seconds = Long.parseLong(args[8]);
        long warmup = Long.parseLong(args[9]);
        int[] threads = Arrays.stream(args[10].split(",")).mapToInt(Integer::parseInt).toArray();
        String hash = "{SHA512-CRYPT}" + Sha2Crypt.sha512Crypt(PASSWORD.getBytes(StandardCharsets.UTF_8),
                "$6$rounds=5000$benchsalt0123456");

        long t0 = System.nanoTime();
        long bytes = bench.fillFiles(hash);
        System.out.printf("filled the passwd files: %,d users in %d domains + %,d in %s, %.1f MB, in %.1f s%n",
                (long) bench.domains * bench.users, bench.domains, bench.bigUsers, BIG, bytes / 1e6, secs(t0));
        try (UserStore files = UserStore.open(bench.filesPrefix, line -> { });
                UserStore pg = UserStore.open(pgPrefix, line -> { })) {
            pg.domains(); // connects and runs the migrations: the tables exist before the COPY
            t0 = System.nanoTime();
            bench.fillPostgres(jdbc, secret, hash);
            System.out.printf("filled PostgreSQL (COPY, one transaction, then VACUUM ANALYZE): the same users in"
                    + " %.1f s%n", secs(t0));
            bench.cold(pgPrefix);
            bench.memory(files);
            bench.table(files, pg, hash, seconds, warmup, threads);
        }
    }

    private String domain(int i) {
        return String.format("d%04d.bench.test", i);
    }

    private static String local(int i) {
        return String.format("u%06d", i);
    }

    /** Writes every domain's passwd file in the form the toaster writes ({@code PasswdFile.line}). */
    private long fillFiles(String hash) throws IOException {
        long total = 0;
        for (int d = 0; d <= domains; d++) {
            String name = d == domains ? BIG : domain(d);
            int count = d == domains ? bigUsers : users;
            Path dir = Files.createDirectories(filesPrefix.resolve("domains").resolve(name));
            StringBuilder text = new StringBuilder(count * 160);
            for (int u = 0; u < count; u++) {
                String address = local(u) + "@" + name;
                text.append(address).append(':').append(hash).append("::::").append(dir.resolve(local(u)))
                        .append("::\n");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve("passwd"), bytes);
            total += bytes.length;
        }
        return total;
    }

    /** The same users by COPY on one connection, in one transaction (the server's fsync at the commit). */
    private void fillPostgres(String jdbc, String secret, String hash) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "toaster");
        properties.setProperty("password", secret);
        try (Connection connection = DriverManager.getConnection(jdbc, properties)) {
            connection.setAutoCommit(false);
            CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
            StringBuilder domainRows = new StringBuilder();
            StringBuilder userRows = new StringBuilder((domains * users + bigUsers) * 140);
            for (int d = 0; d <= domains; d++) {
                String name = d == domains ? BIG : domain(d);
                domainRows.append(name).append('\t').append(ME).append('\n');
                int count = d == domains ? bigUsers : users;
                for (int u = 0; u < count; u++) {
                    userRows.append(name).append('\t').append(local(u)).append('\t').append(hash).append('\n');
                }
            }
            copy.copyIn("COPY domains (name, mailbox_host) FROM STDIN", new StringReader(domainRows.toString()));
            copy.copyIn("COPY users (domain, local, password) FROM STDIN", new StringReader(userRows.toString()));
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE");
            }
        }
    }

    /**
     * The first route after a fresh store, five times each: for files the read and parse of the domain's passwd
     * (what every edit of that file costs the next lookup too), for PostgreSQL the pool's first connection and
     * the schema check (once per daemon start); then the same route again, warm.
     */
    private void cold(Path pgPrefix) throws Exception {
        System.out.println();
        System.out.println("cold: the first RCPT check of a fresh store, median of 5 (files: reads and parses the"
                + " domain's passwd; PostgreSQL: opens the pool, checks the schema), then the next one");
        for (String name : List.of(domain(0), BIG)) {
            int count = name.equals(BIG) ? bigUsers : users;
            String address = local(count - 1) + "@" + name;
            long size = Files.size(filesPrefix.resolve("domains").resolve(name).resolve("passwd"));
            for (Path prefix : List.of(filesPrefix, pgPrefix)) {
                long[] first = new long[5];
                long[] next = new long[5];
                for (int i = 0; i < first.length; i++) {
                    try (UserStore store = UserStore.open(prefix, line -> { })) {
                        long t = System.nanoTime();
                        expect(store.route(address) instanceof Route.Mailbox, address);
                        first[i] = System.nanoTime() - t;
                        t = System.nanoTime();
                        expect(store.route(address) instanceof Route.Mailbox, address);
                        next[i] = System.nanoTime() - t;
                    }
                }
                System.out.printf("  %-12s %-18s %,8d users (passwd %5.1f MB): first %8.2f ms, next %6.3f ms%n",
                        prefix == filesPrefix ? "files" : "PostgreSQL", name, count, size / 1e6,
                        median(first) / 1e6, median(next) / 1e6);
            }
        }
    }

    /** What the files backend keeps in memory: the heap after a full collection, before and after every domain. */
    private void memory(UserStore files) throws Exception {
        long before = liveHeap();
        for (int d = 0; d <= domains; d++) {
            String name = d == domains ? BIG : domain(d);
            expect(files.route(local(0) + "@" + name) instanceof Route.Mailbox, name);
        }
        long after = liveHeap();
        long count = (long) domains * users + bigUsers;
        System.out.printf("files: every passwd parsed and cached: %.0f MB of heap for %,d users (%.0f bytes a"
                + " user)%n", (after - before) / 1e6, count, (after - before) / (double) count);
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void table(UserStore files, UserStore pg, String hash, long seconds, long warmup, int[] threads)
            throws Exception {
        char[] password = PASSWORD.toCharArray();
        String bare = hash.substring("{SHA512-CRYPT}".length());
        record Row(String what, Function<UserStore, Op> op) {
        }
        List<Row> rows = List.of(
                new Row("RCPT, an existing user", store -> r -> {
                    String a = local(r.nextInt(users)) + "@" + domain(r.nextInt(domains));
                    expect(store.route(a) instanceof Route.Mailbox, a);
                }),
                new Row("RCPT, unknown user, known domain", store -> r -> {
                    String a = "x" + r.nextInt(1_000_000) + "@" + domain(r.nextInt(domains));
                    expect(store.route(a) instanceof Route.NoSuchUser, a);
                }),
                new Row("RCPT, unknown domain", store -> r -> {
                    String a = local(r.nextInt(users)) + "@n" + r.nextInt(1_000_000) + ".nowhere.test";
                    expect(store.route(a) instanceof Route.NotLocal, a);
                }),
                new Row("AUTH lookup alone (the login's row)", store -> r -> {
                    String a = local(r.nextInt(users)) + "@" + domain(r.nextInt(domains));
                    expect(store.quota(a).isEmpty(), a);
                }),
                new Row("AUTH verify, right password", store -> r -> {
                    String a = local(r.nextInt(users)) + "@" + domain(r.nextInt(domains));
                    if (!store.verify(a, password)) {
                        // verify hides why; the login's own lookup, asked at once, may still show it.
                        String why;
                        try {
                            why = store.quota(a).isEmpty() ? "the user is there when asked again" : "?";
                        } catch (UserStoreException e) {
                            why = e.getMessage();
                        }
                        throw new Counted("the right password of " + a + " refused; " + why);
                    }
                }));
        // A fresh key each call: commons-codec's crypt zeroes the key it is given, as the store's own call expects.
        Op crypt = r -> expect(Crypt.crypt(PASSWORD.getBytes(StandardCharsets.UTF_8), bare).equals(bare), "crypt");
        int most = Arrays.stream(threads).max().orElse(1);
        System.out.println();
        System.out.printf("warm-up: %d s per line and side at %d threads, not counted%n", warmup, most);
        for (Row row : rows) {
            measure("warm-up files " + row.what(), most, warmup, row.op().apply(files));
            measure("warm-up PostgreSQL " + row.what(), most, warmup, row.op().apply(pg));
        }
        measure("warm-up crypt", most, warmup, crypt);
        System.out.println();
        System.out.printf("%-38s %7s %10s %10s %8s %12s %10s %9s %7s%n", "per second (" + seconds + " s each)",
                "threads", "files", "PostgreSQL", "PG/files", "CPU us files", "CPU us PG", "of it srv", "failed");
        int line = 0;
        for (int t : threads) {
            for (Row row : rows) {
                // Which side goes first alternates, so that a change of the machine's load falls on both alike.
                boolean filesFirst = line++ % 2 == 0;
                Result p = filesFirst ? null : measure("PostgreSQL " + row.what(), t, seconds, row.op().apply(pg));
                Result f = measure("files " + row.what(), t, seconds, row.op().apply(files));
                p = filesFirst ? measure("PostgreSQL " + row.what(), t, seconds, row.op().apply(pg)) : p;
                System.out.printf("%-38s %7d %10.0f %10.0f %8.3f %12.1f %10.1f %9.1f %7s%n", row.what(), t,
                        f.perSecond(), p.perSecond(), p.perSecond() / f.perSecond(), f.cpuMicros(), p.cpuMicros(),
                        p.serverMicros(), f.failed() + "/" + p.failed());
            }
            Result c = measure("crypt", t, seconds, crypt);
            System.out.printf("%-38s %7d %10.0f %10s %8s %12.1f %10s %9s %7s%n", "SHA512-crypt alone, 5000 rounds",
                    t, c.perSecond(), "(same)", "-", c.cpuMicros(), "-", "-", "-");
        }
        System.out.println("(CPU us: this JVM's user+system CPU per answered call, plus for PostgreSQL the server's:"
                + " the postmaster and its backends; \"of it srv\" is the server's part; failed: files/PostgreSQL"
                + " calls that threw UserStoreException or refused the right password, not counted in the rates)");
        causes.forEach((what, why) -> System.out.println("failures: " + what + ": " + why));
    }

    /**
     * Runs {@code op} on {@code threads} virtual threads for {@code seconds}; a {@link Counted} failure is counted,
     * any other (a wrong answer) ends the run.
     */
    private Result measure(String label, int threads, long seconds, Op op) throws Exception {
        LongAdder ops = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicReference<String> cause = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] stop = new long[1];
        for (int i = 0; i < threads; i++) {
            SplittableRandom random = new SplittableRandom(i * 7919L + seconds);
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < stop[0] && failure.get() == null) {
                        try {
                            op.run(random);
                            ops.increment();
                        } catch (Counted | UserStoreException e) {
                            failed.increment();
                            cause.compareAndSet(null, e.getMessage());
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long jvm0 = jvmCpu();
        long server0 = serverCpu();
        long t0 = System.nanoTime();
        stop[0] = t0 + seconds * 1_000_000_000L;
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long wall = System.nanoTime() - t0;
        Result result = new Result(ops.sum(), wall, jvmCpu() - jvm0, serverCpu() - server0, failed.sum());
        if (cause.get() != null) {
            causes.putIfAbsent(label + ", " + threads + " threads", failed.sum() + " failed, the first: "
                    + cause.get());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a lookup failed: " + failure.get(), failure.get());
        }
        return result;
    }

    private static long jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The PostgreSQL server's CPU: the postmaster's own and reaped children's, and its live descendants'. */
    private long serverCpu() {
        long ticks = ticks(postmaster, true);
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.descendants().toList())
                .orElse(List.of())) {
            ticks += ticks(child.pid(), false);
        }
        return ticks * TICK_NS;
    }

    /** utime + stime (and cutime + cstime) from /proc/PID/stat, in clock ticks; 0 for a process gone. */
    private static long ticks(long pid, boolean reaped) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 to 17 of proc(5), counted from the state (field 3) here.
            long sum = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return reaped ? sum + Long.parseLong(f[13]) + Long.parseLong(f[14]) : sum;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("unexpected answer for " + what);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
