package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The wiki build's progress line, and that a build shorter than a second leaves the terminal untouched. */
class BuildProgressBarTest {

    @Test
    void drawsThePhaseTheBarAndTheCount() {
        assertEquals("wiki build: render   [###############...............] 500/1000",
                BuildProgressBar.line("render", 500, 1000));
        assertEquals("wiki build: render   [##############################] 10/10",
                BuildProgressBar.line("render", 12, 10), "more steps than announced never overflow the bar");
        assertEquals("wiki build: history  …", BuildProgressBar.line("history", 0, 0), "steps not known");
        assertEquals("wiki build: render   [..............................] 0/3",
                BuildProgressBar.line("render", -1, 3));
    }

    @Test
    void aShortBuildPrintsNothing() {
        StringWriter terminal = new StringWriter();
        try (BuildProgressBar bar = new BuildProgressBar(new PrintWriter(terminal))) {
            bar.begin("render", 3);
            bar.step();
        }
        assertEquals("", terminal.toString());
    }
}
