package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The labels of stages and TLS versions: fixed sets, and plugin names as the admin configured them. */
class StageTest {

    @ParameterizedTest
    @CsvSource({"builtin:spf, spf", "builtin:rspamd, filter", "builtin:clamav, filter",
            "builtin:rbl, plugin:builtin:rbl", "builtin:chkuser, plugin:builtin:chkuser", "greylist, plugin:greylist",
            "policy:postgrey, plugin:policy:postgrey"})
    void aPluginsStageIsItsNameUnlessTheIssueNamesItsCheck(String plugin, String label) {
        assertEquals(label, Stage.plugin(plugin).label());
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL, none", "'TLSv1.3 TLS_AES_128_GCM_SHA256', TLSv1.3",
            "'TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', TLSv1.2", "'TLSv1.1 X', other", "'SSLv3', other",
            "'', other", "'TLSv1.3\"}x', other"}, nullValues = "NULL")
    void aSessionsTlsVersionIsOneOfFour(String info, String label) {
        assertEquals(label, TlsVersion.of(info).label());
    }

    @Test
    void theFixedStagesAreDistinct() {
        assertEquals(Stage.FIXED.size(), Stage.FIXED.stream().map(Stage::label).distinct().count());
    }
}
