package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped tagger's tag and redirect with hostile recipients: capitals, glob characters, shell syntax,
 * spaces, newlines, bytes beyond ASCII and a tag longer than the 32 it keeps. It lower-cases and filters with
 * shell built-ins only, so these pin what tr and cut did before.
 */
class TaggerSampleTest {

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", nullValues = "none", value = {
        "bob+lists@x.test => lists",
        "Bob+Lists@X.TEST => lists",
        "a+b+C.d_e-f@x.test => c.d_e-f",
        "bob+*?[a]@x.test => a",
        "bob+$(touch pwned)@x.test => touchpwned",
        "bob+`id`;x@x.test => idx",
        "b+x y\\tz@x.test => xyz",
        "b+a\\nb@x.test => ab",
        "bob+ÄÖü@x.test => none",
        "bob+@x.test => none",
        "+@x.test => none",
        "plain@x.test => none",
        "b+x@y@z.test => xy",
    })
    void tags(String rcpt, String tag) {
        PluginRun run = rcpt(Map.of("SMTPRCPTTO", rcpt.replace("\\t", "\t").replace("\\n", "\n")));
        assertEquals(tag == null ? List.of() : List.of("HX-Toaster-Tagged: " + tag, "STAGGER_TAGS=" + tag),
                run.lines());
    }

    @Test
    void aLongTagIsCutTo32BytesAfterTheOddOnesAreDropped() {
        String tag = "%Z".repeat(600);
        assertEquals(List.of("HX-Toaster-Tagged: " + "z".repeat(32), "STAGGER_TAGS=" + "z".repeat(32)),
                rcpt(Map.of("SMTPRCPTTO", "b+" + tag + "@x.test")).lines());
    }

    @Test
    void aTagAlreadyGivenIsNotAddedTwice() {
        assertEquals(List.of(), rcpt(Map.of("SMTPRCPTTO", "b+Lists@x.test", "TAGGER_TAGS", "a lists")).lines());
        assertEquals(List.of("HX-Toaster-Tagged: b", "STAGGER_TAGS=a lists b"),
                rcpt(Map.of("SMTPRCPTTO", "b+b@x.test", "TAGGER_TAGS", "a lists")).lines());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "tom@local.test => true",
        "TOM@Local.TEST => true",
        "tom@local.test\\n => false",
        "tom@local.tes => false",
        "*@local.test => false",
        "tom@local.test.x => false",
    })
    void redirectIgnoresCaseOnly(String rcpt, boolean redirected) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SMTPRCPTTO", rcpt.replace("\\n", "\n"));
        env.put("TAGGER_REDIRECT_FROM", "Tom@LOCAL.test");
        env.put("TAGGER_REDIRECT_TO", "jane@local.test");
        PluginRun run = rcpt(env);
        assertEquals(redirected ? List.of("Cjane@local.test") : List.of(), run.lines());
        assertEquals(redirected, run.stderr().contains("redirected"), run.stderr());
    }

    @Test
    void aRedirectTargetThatIsNoPlainAddressIsSkipped() {
        for (String target : List.of("jane doe@x.test", "a@b@c.test", "@x.test", "jane", "j*@x.test")) {
            PluginRun run = rcpt(Map.of("SMTPRCPTTO", "tom@x.test", "TAGGER_REDIRECT_FROM", "tom@x.test",
                    "TAGGER_REDIRECT_TO", target));
            assertEquals(List.of(), run.lines(), target);
            assertTrue(run.stderr().contains("redirect skipped"), run.stderr());
        }
    }

    @Test
    void atMailTheLastMessagesTagsAreForgotten() {
        SampleScript tagger = new SampleScript("tagger", home);
        assertEquals(List.of("UTAGGER_TAGS"),
                tagger.run(Section.MAIL, Map.of("SMTPRCPTCOUNTALL", "0", "TAGGER_TAGS", "x")).lines());
        assertEquals(List.of(), tagger.run(Section.MAIL, Map.of("SMTPRCPTCOUNTALL", "0")).lines());
    }

    private PluginRun rcpt(Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>(variables);
        env.put("SMTPRCPTCOUNTALL", "1");
        PluginRun run = new SampleScript("tagger", home).run(Section.RCPT, env);
        assertTrue(run.failure().isEmpty() && run.exit() == 0, run.toString());
        return run;
    }
}
