package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bad control/logformat stops each daemon before it writes a single line or opens a port, naming the file,
 * the line and the fix; nothing is half-started.
 */
class LogFormatStartTest {

    @TempDir
    Path prefix;

    @ParameterizedTest
    @ValueSource(strings = {"smtpd", "pop3d", "wiki serve"})
    void aBadFormatRefusesTheStartWithFileLineAndTheFix(String daemon) throws IOException {
        Path control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("logformat"), "JSON\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(daemon.split(" ")));
        args.addAll(List.of("--prefix", prefix.toString()));
        int exit = Toaster.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(1, exit, err.toString());
        assertEquals("toaster " + daemon + ": " + control.resolve("logformat") + ":1: \"JSON\" is not a log format: "
                + "write text (the default) or json\n", err.toString());
        assertEquals("", out.toString());
    }
}
