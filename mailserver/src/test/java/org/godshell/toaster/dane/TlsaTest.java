package org.godshell.toaster.dane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

/** Which TLSA records SMTP can use (RFC 7672 §3.1.3, RFC 6698 §2.1), including malformed and oversized ones. */
class TlsaTest {

    @ParameterizedTest(name = "{0} {1} {2} with {3} octets: usable {4}")
    @CsvSource({
        "3, 1, 1, 32, true", "3, 0, 1, 32, true", "2, 1, 1, 32, true", "2, 0, 2, 64, true", "3, 1, 0, 91, true",
        "0, 0, 1, 32, false", "1, 1, 1, 32, false", "4, 1, 1, 32, false", "255, 1, 1, 32, false",
        "3, 2, 1, 32, false", "3, 255, 1, 32, false", "3, 1, 3, 32, false", "3, 1, 255, 32, false",
        "3, 1, 1, 31, false", "3, 1, 1, 33, false", "3, 1, 1, 0, false", "3, 1, 2, 32, false", "3, 1, 0, 0, false"})
    void usability(int usage, int selector, int matchingType, int length, boolean usable) {
        assertEquals(usable, new Tlsa(usage, selector, matchingType, new byte[length]).usable());
    }

    @Test
    void aGiantFullRecordIsHarmlessAndMatchesNothing() throws Exception {
        Tlsa giant = new Tlsa(3, 0, 0, new byte[65_000]);
        assertTrue(giant.usable());
        assertFalse(giant.matches(TestCertificates.selfSigned("mx.signed.test").certificate()));
        assertTrue(giant.toString().endsWith("..."), "a log line shows only the start of the data");
    }

    @Test
    void anUnusableRecordNeverMatchesEvenWithTheRightData() throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned("mx.signed.test");
        assertFalse(new Tlsa(1, 1, 1, certificate.spkiSha256()).matches(certificate.certificate()));
        assertTrue(new Tlsa(3, 1, 1, certificate.spkiSha256()).matches(certificate.certificate()));
    }

    @Test
    void theDataIsCopiedInAndOut() {
        byte[] data = new byte[32];
        Tlsa record = new Tlsa(3, 1, 1, data);
        data[0] = 1;
        record.data()[1] = 1;
        assertEquals(new Tlsa(3, 1, 1, new byte[32]), record);
    }

    @Test
    void readFromDnsjavasRecord() {
        TLSARecord dns = new TLSARecord(Name.root, DClass.IN, 60, 2, 0, 2, new byte[64]);
        assertEquals(new Tlsa(2, 0, 2, new byte[64]), Tlsa.of(dns));
    }
}
