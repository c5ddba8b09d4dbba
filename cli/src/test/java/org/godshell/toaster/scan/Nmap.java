package org.godshell.toaster.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** nmap's scripts against ports of the toaster on 127.0.0.1, their results read from its XML report. */
final class Nmap {

    private Nmap() {
    }

    /**
     * Runs {@code scripts} against {@code ports}: a TCP connect scan (the same as root or not), no DNS, no host
     * discovery, and each script forced ({@code +}) since the ports are not the well-known ones its rule expects.
     * Returns port to script id to result; {@code name} names the report in {@code dir}.
     */
    static Map<Integer, Map<String, NmapXml.Script>> run(Path dir, String name, List<Integer> ports,
            List<String> scripts, String scriptArgs) throws Exception {
        Path xml = dir.resolve(name + ".xml");
        List<String> args = new ArrayList<>(List.of("-n", "-Pn", "-sT",
                "-p", ports.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--script", scripts.stream().map(script -> "+" + script).collect(Collectors.joining(",")),
                "-oX", xml.toString()));
        if (!scriptArgs.isEmpty()) {
            args.addAll(List.of("--script-args", scriptArgs));
        }
        args.add("127.0.0.1");
        Scanner.Run run = Scanner.NMAP.start(dir, dir.resolve(name + ".out"), args);
        try {
            assertEquals(0, run.finish(System.nanoTime()), () -> run.command() + " failed:\n" + output(run));
        } finally {
            run.stop();
        }
        return NmapXml.scripts(Files.readString(xml, StandardCharsets.UTF_8));
    }

    private static String output(Scanner.Run run) {
        try {
            return Files.readString(run.output(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
