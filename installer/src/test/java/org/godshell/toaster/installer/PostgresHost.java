package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.exception.NotFoundException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * The database server that {@link SharedUsersIT}'s toasters share: Debian's PostgreSQL 15 in a container of its own
 * ({@code postgres-host/Dockerfile} on the local {@code debian:bookworm-slim}, built once with apt-get and kept
 * under {@value #IMAGE}; change the tag when the Dockerfile changes). The container shares the host's network, so
 * its one cluster listens on a free loopback port of this machine, with the role {@value #ROLE} (a password,
 * scram-sha-256 as Debian's pg_hba.conf has it for TCP) owning the database {@value #DATABASE}. Stopped and
 * started with {@code pg_ctlcluster}, as an admin would.
 */
final class PostgresHost implements AutoCloseable {

    static final String IMAGE = "toaster-test/postgres-host:1";
    static final String ROLE = "toaster";
    static final String DATABASE = "toaster";
    private static final String VERSION = "15";
    private static final String CLUSTER = "shared";

    private final GenericContainer<?> container;
    private final int port;
    private final String password;

    private PostgresHost(GenericContainer<?> container, int port, String password) {
        this.container = container;
        this.port = port;
        this.password = password;
    }

    /** A started container with a running cluster on {@code port}, its role and its empty database. */
    static PostgresHost start(int port) throws Exception {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        GenericContainer<?> container = new GenericContainer<>(image()).withNetworkMode("host");
        container.start();
        PostgresHost host = new PostgresHost(container, port, HexFormat.of().formatHex(random));
        try {
            host.run("pg_createcluster", "--port", String.valueOf(port), "--encoding", "UTF8", "--locale",
                    "C.UTF-8", VERSION, CLUSTER);
            // Loopback only, in the conf.d Debian's postgresql.conf includes (pg_conftool writes 127.0.0.1 unquoted).
            host.container.copyFileToContainer(Transferable.of("listen_addresses = '127.0.0.1'\n", 0644),
                    "/etc/postgresql/" + VERSION + "/" + CLUSTER + "/conf.d/listen.conf");
            host.startServer();
            // The password is hex made here: nothing in the statement comes from outside the test.
            host.psql("postgres", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + host.password + "'");
            host.run("runuser", "-u", "postgres", "--", "createdb", "--port", String.valueOf(port), "--owner", ROLE,
                    DATABASE);
        } catch (Exception | AssertionError e) {
            container.close();
            throw e;
        }
        return host;
    }

    /** What {@code control/userdb} says: the role at this server's loopback port. */
    String url() {
        return "postgresql://" + ROLE + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The role's password, for {@code control/userdbpassword}. */
    String password() {
        return password;
    }

    void stopServer() throws Exception {
        run("pg_ctlcluster", VERSION, CLUSTER, "stop", "--mode", "fast");
    }

    void startServer() throws Exception {
        run("pg_ctlcluster", VERSION, CLUSTER, "start");
    }

    /** The rows of a query in the toaster's database, as the superuser sees them: {@code a|b} lines. */
    String query(String sql) throws Exception {
        return psql(DATABASE, sql);
    }

    private String psql(String database, String sql) throws Exception {
        return run("runuser", "-u", "postgres", "--", "psql", "--port", String.valueOf(port), "--dbname", database,
                "--no-psqlrc", "--tuples-only", "--no-align", "--quiet", "--set", "ON_ERROR_STOP=1", "--command",
                sql).getStdout().strip();
    }

    private ExecResult run(String... command) throws Exception {
        ExecResult result = container.execInContainer(command);
        assertEquals(0, result.getExitCode(), String.join(" ", command) + "\nstdout: " + result.getStdout()
                + "\nstderr: " + result.getStderr());
        return result;
    }

    @Override
    public void close() {
        container.close();
    }

    /** The image, built with host networking (apt-get) when this machine does not have it yet. */
    private static Future<String> image() {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            return CompletableFuture.completedFuture(IMAGE);
        } catch (NotFoundException missing) {
            return new ImageFromDockerfile(IMAGE, false)
                    .withFileFromClasspath("Dockerfile", "postgres-host/Dockerfile")
                    .withBuildImageCmdModifier(cmd -> cmd.withNetworkMode("host"));
        }
    }
}
