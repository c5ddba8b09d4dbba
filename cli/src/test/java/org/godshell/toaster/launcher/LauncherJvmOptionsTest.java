package org.godshell.toaster.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.layout.Daemons;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/toaster} (cli/src/dist) starts a command with: which class cache (smtpd's or the
 * wiki's, for the Java found), C1 only and the serial collector but for the daemons, and a cache not trusted when
 * it or its folder is a link, writable by others or someone else's. Run with a stand-in java that prints its
 * arguments; a real JVM shows that a broken cache costs only speed.
 */
class LauncherJvmOptionsTest {

    private static final Path DIST = Path.of("").toAbsolutePath().resolve("src/dist");
    private static final String RUNTIME = "25.0.3+9-LTS";

    @TempDir
    Path temp;

    private Path prefix;
    private Path jdk;

    @BeforeEach
    void install() throws IOException {
        prefix = temp.resolve("toaster");
        for (String file : List.of("bin/toaster", "lib/toaster-java.sh")) {
            Files.createDirectories(prefix.resolve(file).getParent());
            Files.copy(DIST.resolve(file), prefix.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        jdk = temp.resolve("jdk");
        release("25.0.3", RUNTIME);
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(prefix.resolve("cache"));
        Files.setPosixFilePermissions(prefix.resolve("cache"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void release(String version, String runtime) throws IOException {
        Files.createDirectories(jdk);
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + runtime
                + "\"\n");
    }

    private Path cache(String name) throws IOException {
        Path file = prefix.resolve("cache").resolve(name);
        Files.writeString(file, "cache");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** The JVM options bin/toaster passes before the class path, with {@code env} added to a bare environment. */
    private List<String> options(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", prefix.resolve("bin/toaster").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("TOASTER_JAVA", jdk.resolve("bin/java").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        List<String> lines = out.lines().toList();
        return lines.subList(0, lines.indexOf("-Djdk.console=java.base"));
    }

    private List<String> options(String... args) throws Exception {
        return options(Map.of(), args);
    }

    private String aot(String family) {
        return "-XX:AOTCache=" + prefix.resolve("cache/java-" + RUNTIME + "-" + family + ".aot");
    }

    @Test
    void eachCommandStartsFromItsFamilysCacheAndOnlyTheDaemonsKeepC2AndG1() throws Exception {
        cache("java-" + RUNTIME + "-smtpd.aot");
        cache("java-" + RUNTIME + "-wiki.aot");
        String quiet = "-Xlog:aot=off,cds=off";
        String c1 = "-XX:TieredStopAtLevel=1";
        String serial = "-XX:+UseSerialGC";
        assertEquals(List.of(aot("smtpd"), quiet), options("smtpd"));
        assertEquals(List.of(aot("smtpd"), quiet), options("pop3d", "--prefix", "/srv/toaster"));
        assertEquals(List.of(aot("wiki"), quiet), options("wiki", "serve"));
        assertEquals(List.of(aot("smtpd"), quiet, c1, serial), options("user", "list"));
        assertEquals(List.of(aot("smtpd"), quiet, c1, serial), options());
        assertEquals(List.of(aot("wiki"), quiet, c1, serial), options("wiki", "init", "--no-build"));
        assertEquals(List.of(aot("wiki"), quiet, c1, serial), options("wiki", "build", "--full"));
        assertEquals(List.of(aot("wiki"), quiet, c1, serial), options("wiki", "servex"));
        assertEquals(List.of(aot("smtpd"), quiet, c1, serial), options("user", "wiki", "serve"),
                "the command's own words");
        assertEquals(List.of(aot("smtpd"), quiet, c1, serial), options("smtpdx"));
    }

    /** Work that grows with the mail: C2's faster loops pay back over minutes, as in a daemon. */
    @Test
    void theCommandsThatCarryMailKeepC2() throws Exception {
        assertEquals(List.of(), options("backup", "--scheduled"));
        assertEquals(List.of(), options("restore", "/var/backups/toaster.tar.gz"));
        assertEquals(List.of(), options("import", "qmail", "--dry-run"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), options("backupx"));
    }

    /** The launcher's list of daemons is the one list the installer, toaster start and the doctor use. */
    @Test
    void everyDaemonKeepsC2() throws Exception {
        for (String daemon : Daemons.ALL) {
            String[] command = daemon.equals("wiki") ? new String[] {"wiki", "serve"} : new String[] {daemon};
            assertEquals(List.of(), options(command), daemon);
        }
    }

    @Test
    void withoutACacheNoneIsNamedAndTheAdminsOptionsComeLastSoThatTheyWin() throws Exception {
        assertEquals(List.of(), options("smtpd"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), options("wiki", "build"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), options("user", "list"));
        cache("java-" + RUNTIME + "-wiki.aot");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:AOTCache=/elsewhere.aot",
                "-XX:TieredStopAtLevel=4"),
                options(Map.of("TOASTER_JAVA_OPTS", "-XX:AOTCache=/elsewhere.aot -XX:TieredStopAtLevel=4"), "wiki",
                        "build"), "the admin's cache replaces ours");
        assertEquals(List.of(), options(Map.of("TOASTER_JVM_CACHE", "off"), "wiki", "serve"));
    }

    /** The JVM refuses two collectors: one the admin names is used instead of ours, and nothing else changes. */
    @Test
    void theAdminsCollectorReplacesTheSerialOne() throws Exception {
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseG1GC"),
                options(Map.of("TOASTER_JAVA_OPTS", "-XX:+UseG1GC"), "wiki", "build"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xmx2g", "-XX:+UseParallelGC"),
                options(Map.of("TOASTER_JAVA_OPTS", "-Xmx2g -XX:+UseParallelGC"), "user", "list"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UseCompressedOops", "-Xlog:gc"),
                options(Map.of("TOASTER_JAVA_OPTS", "-XX:+UseCompressedOops -Xlog:gc"), "user", "list"),
                "options that name no collector keep ours");
        assertEquals(List.of("-XX:+UseG1GC"), options(Map.of("TOASTER_JAVA_OPTS", "-XX:+UseG1GC"), "smtpd"));
    }

    @Test
    void theInstallersTrainingRunsWriteTheirFamilysCache() throws Exception {
        Map<String, String> create = Map.of("TOASTER_JVM_CACHE", "create");
        String cache = prefix.resolve("cache/java-" + RUNTIME).toString();
        assertEquals("-XX:AOTCacheOutput=" + cache + "-wiki.aot", options(create, "wiki", "serve").getFirst());
        assertEquals("-XX:AOTCacheOutput=" + cache + "-smtpd.aot", options(create, "smtpd").getFirst());
        assertEquals("-XX:ErrorFile=" + cache + "-smtpd.aot.crash-%p.log", options(create, "smtpd").get(1),
                "a crash of the cache's assembly reports beside the cache, not in the installer's directory");
        release("21.0.5", "21.0.5+11-LTS");
        assertEquals("-XX:ArchiveClassesAtExit=" + prefix.resolve("cache/java-21.0.5+11-LTS-wiki.jsa"),
                options(create, "wiki", "serve").getFirst());
    }

    @Test
    void javaBefore25ReadsItsAppCdsArchive() throws Exception {
        release("21.0.5", "21.0.5+11-LTS");
        cache("java-21.0.5+11-LTS-wiki.jsa");
        cache("java-" + RUNTIME + "-wiki.aot");
        assertEquals(List.of("-XX:SharedArchiveFile=" + prefix.resolve("cache/java-21.0.5+11-LTS-wiki.jsa"),
                "-Xlog:cds=off"), options("wiki", "serve"));
        assertEquals(List.of(), options("smtpd"), "no archive of smtpd's for this Java");
    }

    @Test
    void anyOtherValueOfTheSwitchIsAsUnset() throws Exception {
        cache("java-" + RUNTIME + "-smtpd.aot");
        for (String value : List.of("", "on", "OFF", "Create", "create ", "off\ncreate", "$(touch /tmp/x)", "; exit 1",
                "*", "x".repeat(10_000))) {
            assertEquals(aot("smtpd"), options(Map.of("TOASTER_JVM_CACHE", value), "smtpd").getFirst(), value);
        }
    }

    @Test
    void aCacheThatIsALinkOrThatOthersMayWriteIsNotUsed() throws Exception {
        Path smtpd = cache("java-" + RUNTIME + "-smtpd.aot");
        Path wiki = cache("java-" + RUNTIME + "-wiki.aot");
        Files.delete(smtpd);
        Files.createSymbolicLink(smtpd, wiki);
        assertEquals(List.of(), options("smtpd"), "a link");
        for (String mode : List.of("rw-rw-r--", "rw-r--rw-", "rw-rw-rw-")) {
            Files.setPosixFilePermissions(wiki, PosixFilePermissions.fromString(mode));
            assertEquals(List.of(), options("wiki", "serve"), mode);
        }
        Files.setPosixFilePermissions(wiki, PosixFilePermissions.fromString("r--------"));
        assertEquals(aot("wiki"), options("wiki", "serve").getFirst(), "read-only: trusted");
        Files.setPosixFilePermissions(prefix.resolve("cache"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(List.of(), options("wiki", "serve"), "a folder where others may replace it");
    }

    @Test
    void aCacheFolderThatIsALinkIsNotUsed() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(prefix.resolve("cache"));
        Files.createSymbolicLink(prefix.resolve("cache"), elsewhere);
        cache("java-" + RUNTIME + "-wiki.aot");
        assertEquals(List.of(), options("wiki", "serve"));
    }

    @Test
    void aCacheOfAnotherUserIsNotUsed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path wiki = cache("java-" + RUNTIME + "-wiki.aot");
        PosixFileAttributeView view = Files.getFileAttributeView(wiki, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(wiki.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertEquals(List.of(), options("wiki", "serve"));
    }

    @Test
    void aPrefixWithBlanksStartsWithoutACache() throws Exception {
        Path blank = temp.resolve("a prefix");
        Files.move(prefix, blank);
        prefix = blank;
        cache("java-" + RUNTIME + "-wiki.aot");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), options("wiki", "build"));
    }

    /** The real JVM given a cache that is garbage, or empty: it starts, and says nothing of it (no release file: named after the major version). */
    @Test
    void aBrokenCacheCostsOnlySpeed() throws Exception {
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        for (String content : List.of("not a cache", "")) {
            for (String extension : List.of(".aot", ".jsa")) {
                Files.writeString(prefix.resolve("cache/java-" + Runtime.version().feature() + "-wiki" + extension),
                        content);
            }
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", ". \"$1/lib/toaster-java.sh\"; "
                    + "toaster_find_java; TOASTER_JAVA_HOME=/nowhere; toaster_jvm_cache \"$1\" wiki; "
                    + "case $TOASTER_JVM_CACHE_OPTS in *-wiki.*) ;; *) echo \"not used: $TOASTER_JVM_CACHE_OPTS\"; exit 9;; "
                    + "esac; exec \"$TOASTER_JAVA\" $TOASTER_JVM_CACHE_OPTS -version", "sh", prefix.toString());
            builder.environment().put("TOASTER_JAVA", realJava.toString());
            builder.environment().remove("TOASTER_JAVA_OPTS");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            Process process = builder.start();
            String out = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), out);
            assertTrue(out.contains("version \"" + Runtime.version().feature()), out);
            assertFalse(out.toLowerCase(java.util.Locale.ROOT).matches("(?s).*(aot|cds|shared|archive|cache).*"), out);
        }
    }
}
