package org.godshell.toaster.qmailimport.plan;

import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.qmailimport.Skipped;

/** The steps in the order they must run (domains, users, aliases, catch-alls, control files, rules) and the skipped. */
public record Plan(List<Step> steps, List<Skipped> skipped) {

    public Plan {
        steps = List.copyOf(steps);
        skipped = List.copyOf(skipped);
    }

    /** The plan as {@code --dry-run} prints it and the report begins: a line per step and per skipped item. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Step step : steps) {
            out.add((step.alreadyThere() ? "already there: " : "import: ") + step.describe());
        }
        for (Skipped item : skipped) {
            out.add("skipped: " + item.what() + ": " + item.reason());
        }
        return out;
    }
}
