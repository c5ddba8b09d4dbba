package org.godshell.toaster.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tags of the three signature fields (RFC 6376 §3.5; RFC 8617 §4.1.2 and §4.1.3): what the two ARC forms
 * drop (v=, the i= identity, and for a seal bh= and h=) and what they refuse.
 */
class SignatureFormsTest {

    private static final String COMMON = "a=rsa-sha256; d=example.org; s=arc; t=1796558400; b=AAAA;";
    private static final String SIGNED = " c=relaxed/relaxed; h=From:Subject; bh=AAAA;";

    private static SignatureTags parse(String tags, SignatureTags.Form form) throws DkimError {
        return SignatureTags.parse(TagList.parse(tags, SignatureTags.MAX_FIELD), form);
    }

    @Test
    void aMessageSignatureHasNoVersionAndItsInstanceIsNoIdentity() throws DkimError {
        SignatureTags ams = parse("i=2; " + COMMON + SIGNED, SignatureTags.Form.ARC_MESSAGE);
        assertEquals("@example.org", ams.identity());
        assertEquals(List.of("from", "subject"), ams.signedKeys());
        assertEquals("@example.org", parse("v=9; i=1; " + COMMON + SIGNED, SignatureTags.Form.ARC_MESSAGE).identity(),
                "a v= is ignored (§4.1.2)");
        assertThrows(DkimError.class, () -> parse("i=2; " + COMMON + SIGNED, SignatureTags.Form.DKIM),
                "the same tags are no DKIM-Signature: no v=, and i=2 is no identity");
    }

    @Test
    void aSealSignsNoBodyNoListedFieldsAndAlwaysRelaxed() throws DkimError {
        SignatureTags seal = parse("i=1; cv=none; c=simple/simple; " + COMMON, SignatureTags.Form.ARC_SEAL);
        assertEquals(List.of(), seal.signedKeys());
        assertArrayEquals(new byte[0], seal.bodyHash());
        assertEquals(Canonicalization.RELAXED, seal.headerCanonicalization(), "§5.1.1, whatever c= says");
        assertEquals("arc", seal.selector());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "ARC_SEAL|i=1; cv=none; h=From; " + COMMON + "|h=",
        "ARC_SEAL|i=1; cv=none; a=rsa-sha1; d=example.org; s=arc; b=AAAA|RFC 8301",
        "ARC_SEAL|i=1; cv=none; a=rsa-sha256; d=example..org; s=arc; b=AAAA|not a domain name",
        "ARC_SEAL|i=1; cv=none; a=rsa-sha256; d=example.org; b=AAAA|no s=",
        "ARC_MESSAGE|i=1; " + COMMON + " h=From:ARC-Seal; bh=AAAA|must not",
        "ARC_MESSAGE|i=1; " + COMMON + " h=Subject; bh=AAAA|does not sign From",
        "ARC_MESSAGE|i=1; " + COMMON + " h=From|no bh=",
        "ARC_MESSAGE|i=1; " + COMMON + " bh=AAAA|no h=",
    })
    void whatTheArcFormsRefuse(SignatureTags.Form form, String tags, String reason) {
        DkimError error = assertThrows(DkimError.class, () -> parse(tags, form));
        assertEquals(DkimResult.PERMERROR, error.result());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }
}
