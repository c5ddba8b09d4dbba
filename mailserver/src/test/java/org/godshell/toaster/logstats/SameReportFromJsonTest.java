package org.godshell.toaster.logstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.godshell.toaster.logline.LogFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scripted day ({@link ScriptedDayTest}) written by the same log classes with {@code control/logformat}
 * {@code json}: the same records line by line, and the same report, as text and as JSON, as from the text log;
 * and the same again from a log that switched format at any line, as one does when the admin changes the format
 * and restarts the daemons.
 */
class SameReportFromJsonTest {

    private static List<String> text;
    private static List<String> json;
    private static Tally fromText;

    @BeforeAll
    static void bothLogs() throws IOException {
        text = ScriptedDayTest.day(LogFormat.TEXT).lines().toList();
        json = ScriptedDayTest.day(LogFormat.JSON).lines().toList();
        fromText = ScriptedDayTest.read(String.join("\n", text), new TextLineReader());
    }

    @Test
    void theJsonLogIsJsonLineForLine() {
        assertEquals(text.size(), json.size());
        List<String> written = json.subList(0, json.size() - 2);
        assertTrue(written.stream().allMatch(l -> l.startsWith("{\"time\":\"2026-12-0") && l.endsWith("}")),
                String.join("\n", written));
        assertTrue(written.stream().anyMatch(l -> l.contains("\"event\":\"tx\",\"client\":\"192.0.2.10\"")));
        assertTrue(written.stream().anyMatch(l -> l.contains("\"event\":\"message\",\"msg\":\"delivery ")));
        assertTrue(written.stream().anyMatch(l -> l.contains("\"event\":\"message\",\"msg\":\"spp [rcpt] ")));
    }

    @Test
    void everyLineReadsAsTheSameRecord() {
        LineReader textReader = new TextLineReader();
        LineReader jsonReader = new JsonLineReader();
        LineReader mixed = new MixedLineReader();
        for (int i = 0; i < text.size(); i++) {
            LineReader.Result fromTextLine = textReader.read(text.get(i));
            assertEquals(fromTextLine, jsonReader.read(json.get(i)), json.get(i));
            assertEquals(fromTextLine, mixed.read(json.get(i)), json.get(i));
            assertEquals(fromTextLine, mixed.read(text.get(i)), text.get(i));
        }
    }

    @Test
    void theJsonLogGivesTheSameReport() throws IOException {
        Tally fromJson = ScriptedDayTest.read(String.join("\n", json), new JsonLineReader());
        assertEquals(JsonReport.render(fromText), JsonReport.render(fromJson));
        assertEquals(TextReport.render(fromText), TextReport.render(fromJson));
        assertEquals(4, fromJson.received, JsonReport.render(fromJson));
    }

    @Test
    void aLogThatSwitchedFormatAtAnyLineGivesTheSameReport() throws IOException {
        int days = text.size() - 2;
        for (int at = 0; at <= days; at++) {
            String log = String.join("\n", text.subList(0, at)) + "\n"
                    + String.join("\n", json.subList(at, days)) + "\n"
                    + String.join("\n", text.subList(days, text.size()));
            Tally mixed = ScriptedDayTest.read(log, new MixedLineReader());
            assertEquals(JsonReport.render(fromText), JsonReport.render(mixed), "switched at line " + at);
            assertEquals(TextReport.render(fromText), TextReport.render(mixed), "switched at line " + at);
        }
    }

    @Test
    void andBackToTextTheSameDay() throws IOException {
        int half = text.size() / 2;
        String log = String.join("\n", json.subList(0, half)) + "\n" + String.join("\n", text.subList(half,
                text.size()));
        assertEquals(JsonReport.render(fromText), JsonReport.render(ScriptedDayTest.read(log,
                new MixedLineReader())));
    }
}
