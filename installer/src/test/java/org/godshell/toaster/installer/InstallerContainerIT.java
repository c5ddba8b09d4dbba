package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * End to end on a bare Debian 12 host: the real {@code toaster-installer.jar} in a {@code debian:bookworm-slim}
 * container that has no Java of its own; the host's JDK is mounted read-only, as a user would install one.
 *
 * <p>Under CI ({@code CI=true}) a missing Docker engine fails the test; elsewhere it is skipped with the reason.
 */
class InstallerContainerIT {

    private static final String IMAGE = "debian:bookworm-slim";
    private static final String HOST_JDK = "/opt/host-jdk";
    private static final String JAR = "/root/toaster-installer.jar";

    @Test
    void installsOnABareDebianHostAndRunsTheToaster() throws Exception {
        requireDocker();
        String version = System.getProperty("toaster.expected.version");
        Path jar = Path.of(System.getProperty("toaster.installer.jar"));
        assertTrue(Files.isRegularFile(jar), "build the installer first: " + jar);
        Path jdk = Path.of(System.getProperty("java.home")).toRealPath();

        try (GenericContainer<?> host = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withNetworkMode("host")
                .withFileSystemBind(jdk.toString(), HOST_JDK, BindMode.READ_ONLY)
                .withCopyFileToContainer(MountableFile.forHostPath(jar), JAR)
                .withCommand("sleep", "infinity")) {
            host.start();

            ExecResult noJavaYet = host.execInContainer("sh", "-c", "command -v java || echo none");
            assertEquals("none", noJavaYet.getStdout().strip(), "the image must be bare: no java of its own");

            ExecResult install = run(host, 0, HOST_JDK + "/bin/java", "-jar", JAR, "--prefix", "/opt/toaster");
            assertTrue(install.getStdout().contains("installed toaster " + version + " into /opt/toaster"),
                    install.getStdout());
            assertEquals("755", run(host, 0, "stat", "-c", "%a", "/opt/toaster/bin/toaster").getStdout().strip());

            // No Java 21 where the launcher looks: a clear message, not a stack trace.
            ExecResult missing = run(host, 1, "/opt/toaster/bin/toaster", "--version");
            assertTrue(missing.getStderr().contains("Java 21 or newer is needed"), missing.getStderr());
            assertTrue(missing.getStderr().contains("JAVA_HOME"), missing.getStderr());

            ExecResult viaJavaHome = run(host, 0, "env", "JAVA_HOME=" + HOST_JDK, "/opt/toaster/bin/toaster",
                    "--version");
            assertEquals("toaster " + version, viaJavaHome.getStdout().lines().findFirst().orElse(""));

            // The usual place of a packaged JDK: found without any variable.
            run(host, 0, "sh", "-c", "mkdir -p /usr/lib/jvm && ln -s " + HOST_JDK + " /usr/lib/jvm/temurin-21-jdk");
            ExecResult found = run(host, 0, "/opt/toaster/bin/toaster", "--version");
            assertEquals("toaster " + version, found.getStdout().lines().findFirst().orElse(""));

            ExecResult rerun = run(host, 0, HOST_JDK + "/bin/java", "-jar", JAR, "--prefix", "/opt/toaster");
            assertTrue(rerun.getStdout().contains(" 0 files written"), rerun.getStdout());

            ExecResult system = run(host, 1, HOST_JDK + "/bin/java", "-jar", JAR, "--prefix", "/usr");
            assertTrue(system.getStderr().contains("is a system directory"), system.getStderr());
        }
    }

    private static ExecResult run(GenericContainer<?> host, int expectedExit, String... command)
            throws IOException, InterruptedException {
        ExecResult result = host.execInContainer(command);
        assertEquals(expectedExit, result.getExitCode(), String.join(" ", command) + "\nstdout: "
                + result.getStdout() + "\nstderr: " + result.getStderr());
        return result;
    }

    private static void requireDocker() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String why = "no Docker engine is reachable; start one with: eval \"$(../shared/testhost/docker-up)\"";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true, so the container test must run, but " + why);
        }
        Assumptions.abort("skipped: " + why);
    }
}
