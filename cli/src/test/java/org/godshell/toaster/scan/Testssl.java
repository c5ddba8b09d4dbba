package org.godshell.toaster.scan;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * testssl.sh (Debian's 3.0) against the toaster's TLS ports, one process per port, all at once; what it found is
 * read from its {@code --jsonfile} (flat JSON: one object per finding), never from its prose.
 */
final class Testssl {

    /** testssl.sh's severities that name a weakness; FATAL is its own failure. The others are OK, INFO, WARN, DEBUG. */
    static final Set<String> WEAKNESS = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL", "FATAL");

    /** One port to scan; {@code starttls} names the protocol to speak before TLS (testssl.sh's {@code -t}). */
    record Target(String name, int port, String starttls) {
        @Override
        public String toString() {
            return name + " (port " + port + ")";
        }
    }

    /** One line of the report, such as {@code secure_client_renego OK "not vulnerable"}. */
    record Finding(String id, String severity, String finding) {
    }

    private Testssl() {
    }

    /**
     * The checks, chosen to say what matters in under a minute: protocols (-p), cipher categories (-s), forward
     * secrecy (-f), the certificate and session handling (-S), renegotiation (-R) and the known vulnerabilities
     * (-U). {@code -n none} and {@code --ip}: the host name is only for SNI and the certificate check, nothing is
     * looked up, so nothing leaves loopback.
     */
    static List<String> arguments(Target target, Path json) {
        List<String> args = new ArrayList<>(List.of("--quiet", "--color", "0", "--warnings", "batch", "--fast",
                "-n", "none", "--ip", "127.0.0.1", "-p", "-s", "-f", "-S", "-R", "-U", "--jsonfile", json.toString()));
        if (!target.starttls().isEmpty()) {
            args.addAll(List.of("-t", target.starttls()));
        }
        args.add(ScannedToaster.HOST + ":" + target.port());
        return args;
    }

    /** Scans every target at once, in {@code dir}; the findings by target, once every scan has ended. */
    static Map<Target, List<Finding>> scan(Path dir, List<Target> targets) throws Exception {
        long started = System.nanoTime();
        Map<Target, Scanner.Run> runs = new LinkedHashMap<>();
        try {
            for (Target target : targets) {
                Path json = dir.resolve(target.name() + ".json");
                runs.put(target, Scanner.TESTSSL.start(dir, dir.resolve(target.name() + ".out"),
                        arguments(target, json)));
            }
            Map<Target, List<Finding>> found = new LinkedHashMap<>();
            for (Map.Entry<Target, Scanner.Run> run : runs.entrySet()) {
                int exit = run.getValue().finish(started);
                Path json = dir.resolve(run.getKey().name() + ".json");
                // Its exit code adds up the checks that could not run; 240 and above are its own fatal errors.
                if (exit >= 240 || !Files.exists(json)) {
                    fail(run.getValue().command() + " failed (" + exit + "):\n"
                            + Files.readString(run.getValue().output(), StandardCharsets.UTF_8));
                }
                found.put(run.getKey(), findings(Files.readString(json, StandardCharsets.UTF_8)));
            }
            return found;
        } finally {
            for (Scanner.Run run : runs.values()) {
                run.stop();
            }
        }
    }

    /** The findings of a report; a report without its closing {@code scanTime} was cut short and is refused. */
    static List<Finding> findings(String json) {
        List<Finding> findings = new ArrayList<>();
        for (Map<String, String> object : FlatJson.parse(json)) {
            String id = object.get("id");
            String severity = object.get("severity");
            String finding = object.get("finding");
            if (id == null || severity == null || finding == null) {
                throw new IllegalArgumentException("a finding without id, severity or finding: " + object);
            }
            findings.add(new Finding(id, severity, finding));
        }
        if (findings.stream().noneMatch(finding -> finding.id().equals("scanTime"))) {
            throw new IllegalArgumentException("no scanTime: the scan did not finish");
        }
        return findings;
    }
}
