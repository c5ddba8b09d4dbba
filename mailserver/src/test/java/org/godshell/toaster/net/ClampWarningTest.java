package org.godshell.toaster.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClampWarningTest {

    @Test
    void aLimitTooBigIsSaidOnceForEachValueAndOneThatFitsNever() {
        List<String> lines = new ArrayList<>();
        ClampWarning warning = new ClampWarning(new DescriptorBudget(1_256), "concurrencypop3");
        warning.check(500, lines::add);
        assertEquals(List.of(), lines, "1,000 sessions carried");
        warning.check(5_000, lines::add);
        warning.check(5_000, lines::add);
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().startsWith("concurrencypop3 5000 is more than"), lines.getFirst());
        warning.check(6_000, lines::add);
        warning.check(5_000, lines::add);
        assertEquals(3, lines.size(), "each change of value is said again");
    }
}
