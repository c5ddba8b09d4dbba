package org.godshell.toaster.users.sql;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.godshell.toaster.config.UserDb;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, on a free loopback port with a temporary data directory: {@code initdb}
 * with a superuser {@code toaster} whose password is random, host connections by SCRAM-SHA-256 only, no Unix
 * socket, and the durability settings off (the data dies with the test). As root (here and in CI) the server runs
 * as the {@code postgres} account through {@code runuser}, since PostgreSQL refuses to run as root. Start one per
 * test class ({@code initdb} and the start take a second or two):
 *
 * <pre>{@code
 * static PostgresServer server;
 * @BeforeAll static void start() throws IOException { server = PostgresServer.start(); }
 * @AfterAll static void stop() { server.close(); }
 * }</pre>
 *
 * {@link #stop} and {@link #startAgain} take the server down and up on the same port and data, for the "database
 * down" tests. Programs run from argument lists, never a shell. Where PostgreSQL is not installed,
 * {@link #start} skips the test with the reason, except under {@code CI=true}, where it fails.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser initdb makes; every test database is its. */
    public static final String SUPERUSER = "toaster";
    public static final String HOST = "127.0.0.1";
    /** Debian's layout when {@code pg_config} is not on the PATH (it comes with libpq-dev, not the server). */
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final long PROGRAM_LIMIT_S = 120;
    private static final int BIND_TRIES = 5;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final String password;
    private final boolean asPostgres;
    private final Thread cleanup;
    private int port;
    private boolean running;

    private PostgresServer(Path bin, Path dir, String password, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.password = password;
        this.asPostgres = asPostgres;
        this.cleanup = new Thread(this::stopQuietly, "postgres-test-cleanup");
    }

    /** The directory of {@code initdb} and {@code pg_ctl}, or empty when PostgreSQL is not installed. */
    public static Optional<Path> bindir() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor(PROGRAM_LIMIT_S, TimeUnit.SECONDS) && process.exitValue() == 0
                    && Files.isExecutable(Path.of(out, "initdb"))) {
                return Optional.of(Path.of(out));
            }
        } catch (IOException e) {
            // No pg_config on the PATH: look where Debian puts the server.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Files.isDirectory(DEBIAN)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(PostgresServer::major));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int major(Path bin) {
        String version = bin.getParent().getFileName().toString();
        return version.matches("[0-9]{1,4}") ? Integer.parseInt(version) : 0;
    }

    /**
     * A new server, initialised and running; skips the calling test where PostgreSQL is not installed (fails under
     * {@code CI=true}).
     */
    public static PostgresServer start() throws IOException {
        Optional<Path> bin = bindir();
        if (bin.isEmpty()) {
            String why = "PostgreSQL is not installed (no pg_config --bindir, no " + DEBIAN + "/*/bin/initdb);"
                    + " install it with: apt-get install -y --no-install-recommends postgresql-15";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true, so the PostgreSQL tests must run, but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("toaster-pg");
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        PostgresServer server = new PostgresServer(bin.get(), dir, HexFormat.of().formatHex(secret), root);
        try {
            server.init();
            server.firstStart();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void init() throws IOException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        if (asPostgres) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            for (Path p : List.of(dir, pwfile)) {
                Files.setOwner(p, users.lookupPrincipalByName("postgres"));
            }
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync"), "initdb");
        Files.delete(pwfile);
    }

    /** Starts on a free port; another program may take the port between the probe and the bind, so a few tries. */
    private void firstStart() throws IOException {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            Files.writeString(data.resolve("postgresql.conf"), "\n# toaster test server\n"
                    + "listen_addresses = '" + HOST + "'\nport = " + port + "\nunix_socket_directories = ''\n"
                    + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            try {
                startAgain();
                Runtime.getRuntime().addShutdownHook(cleanup);
                return;
            } catch (IOException e) {
                if (attempt == BIND_TRIES || !logText().contains("could not bind")) {
                    throw e;
                }
            }
        }
    }

    /** Starts the stopped server again, on the same port and data. */
    public void startAgain() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                "start"), "pg_ctl start");
        running = true;
    }

    /**
     * Stops the server at once ({@code -m immediate}): a smart or fast shutdown would wait for the pools the
     * tests left open. Connections break, as when a database host goes down. A CHECKPOINT first: with
     * {@code synchronous_commit = off} the last commits may still be in memory, and an immediate stop would
     * lose them, which is not what the tests are about.
     */
    public void stop() throws IOException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            // Already unreachable: nothing more can be kept.
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                "pg_ctl stop");
        running = false;
    }

    public int port() {
        return port;
    }

    /** The superuser's password, for the tests' pools. */
    public String password() {
        return password;
    }

    /** Creates the database {@code name} (a plain lower-case name) and says where it is, as control/userdb would. */
    public UserDb.Postgres createDatabase(String name) throws SQLException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a test database name is [a-z_][a-z0-9_]*: " + name);
        }
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            // A name cannot be a statement parameter; it matched NAME above.
            statement.execute("CREATE DATABASE " + name);
        }
        return database(name);
    }

    /** Where database {@code name} is, for {@link PostgresBackend#open}. */
    public UserDb.Postgres database(String name) {
        return new UserDb.Postgres(HOST, port, name, SUPERUSER);
    }

    /** A connection to database {@code name} as the superuser, for setting rows up and reading them back. */
    public Connection connect(String name) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/" + name, properties);
    }

    /** Stops the server if it runs and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Already shutting down, or never registered.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("PostgresServer: cannot delete " + dir + ": " + e);
        }
    }

    private void stopQuietly() {
        if (running) {
            try {
                stop();
            } catch (IOException e) {
                System.err.println("PostgresServer: " + e.getMessage());
            }
        }
    }

    /** Runs a PostgreSQL program, as {@code postgres} when we are root, and fails with its output. */
    private void run(List<String> command, String what) throws IOException {
        List<String> argv = new ArrayList<>();
        if (asPostgres) {
            argv.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        argv.addAll(command);
        Path out = dir.resolve("program.out");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(out.toFile()).directory(dir.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        Process process = builder.start();
        try {
            if (!process.waitFor(PROGRAM_LIMIT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish in " + PROGRAM_LIMIT_S + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " exited " + process.exitValue() + ":\n" + Files.readString(out)
                    + "\n" + logText());
        }
    }

    private String logText() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        }
    }
}
