package org.godshell.toaster.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The open-files limit against the connection limits: one descriptor a session, 256 kept for the rest. */
class DescriptorBudgetTest {

    @ParameterizedTest(name = "{0} descriptors carry {1} sessions")
    @CsvSource({
        "1024, 768",        // a shell's usual soft limit
        "4096, 3840",       // systemd's hard limit before v240
        "65536, 65280",     // the installer's LimitNOFILE=
        "524288, 524032",   // systemd's hard limit since v240
        "257, 1",           // less than the reserve: one client at a time, never none
        "1, 1",
        "20000, 19744",       // this benchmark machine's hard limit
        "9223372036854775807, 2147483647"})
    void theLimitCarriesThisManySessions(long openFiles, int sessions) {
        assertEquals(sessions, new DescriptorBudget(openFiles).sessions());
    }

    @Test
    void aConfiguredLimitOverTheBudgetIsLoweredAndSaidSo() {
        DescriptorBudget budget = new DescriptorBudget(1024);
        assertEquals(768, budget.clamp(10_000));
        assertEquals(100, budget.clamp(100));
        assertEquals(Optional.empty(), budget.warning("concurrencyincoming", 768));
        String warning = budget.warning("concurrencyincoming", 769).orElseThrow();
        assertTrue(warning.startsWith("concurrencyincoming 769 is more than the open-files limit of 1024"), warning);
        assertTrue(warning.contains("at most 768 connections") && warning.contains("LimitNOFILE="), warning);
    }

    @Test
    void aLimitBelowOneIsNoLimit() {
        assertThrows(IllegalArgumentException.class, () -> new DescriptorBudget(0));
        assertThrows(IllegalArgumentException.class, () -> new DescriptorBudget(-1));
    }

    @Test
    void thisProcessHasALimitThatCarriesAtLeastOneSession() {
        assertTrue(DescriptorBudget.ofThisProcess().sessions() >= 1);
    }
}
