package org.godshell.toaster.tlsrpt.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code _smtp._tls} record grammar of RFC 8460 §3, and what it refuses. */
class RecordParserTest {

    private static List<ReportUri> rua(String text) {
        return assertInstanceOf(Parsed.Valid.class, RecordParser.parse(text), text).record().rua();
    }

    @Test
    void theRfcsExamples() {
        assertEquals(List.of(new ReportUri.Mailto("tlsrpt@mail.example.com")),
                rua("v=TLSRPTv1;rua=mailto:tlsrpt@mail.example.com"));
        assertEquals(List.of(new ReportUri.Https(URI.create("https://reporting.example.com/v1/tlsrpt"))),
                rua("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt"));
    }

    @Test
    void severalDestinationsBlanksAndAFinalSemicolon() {
        assertEquals(List.of(new ReportUri.Mailto("a@example.net"),
                        new ReportUri.Https(URI.create("https://r.example.net/x?y=1"))),
                rua("v=TLSRPTv1 ;\trua=mailto:a@example.net ,\thttps://r.example.net/x?y=1 ;"));
    }

    @Test
    void unknownFieldsOfTheExtensionGrammarAreIgnored() {
        assertEquals(List.of(new ReportUri.Mailto("a@example.net")),
                rua("v=TLSRPTv1; ext_1.x=value:with/odd+chars; rua=mailto:a@example.net"));
    }

    @Test
    void mailtoEscapesAreDecodedAndHeaderFieldsDropped() {
        assertEquals(List.of(new ReportUri.Mailto("tls+rpt@example.net")),
                rua("v=TLSRPTv1; rua=mailto:tls%2Brpt@example.net?subject=hello"));
        assertEquals(List.of(new ReportUri.Mailto("TLS@Example.NET")), rua("v=TLSRPTv1;rua=MAILTO:TLS@Example.NET"));
    }

    @Test
    void onlyTlsrptRecordsCount() {
        assertTrue(RecordParser.isTlsrpt("v=TLSRPTv1;rua=mailto:a@example.net"));
        assertTrue(RecordParser.isTlsrpt("v=TLSRPTv1 ;rua=mailto:a@example.net"));
        assertEquals(false, RecordParser.isTlsrpt("v=spf1 -all"));
        assertEquals(false, RecordParser.isTlsrpt("v=TLSRPTv10;rua=mailto:a@example.net"));
        assertEquals(false, RecordParser.isTlsrpt("v=tlsrptv1;rua=mailto:a@example.net"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "v=TLSRPTv1",
        "v=TLSRPTv1;",
        " v=TLSRPTv1;rua=mailto:a@example.net",
        "v=TLSRPTv2;rua=mailto:a@example.net",
        "v=TLSRPTv1;RUA=mailto:a@example.net",
        "v=TLSRPTv1;rua=",
        "v=TLSRPTv1;rua=mailto:a@example.net;rua=mailto:b@example.net",
        "v=TLSRPTv1;;rua=mailto:a@example.net",
        "v=TLSRPTv1;rua=mailto:a@example.net;;",
        "v=TLSRPTv1;rua=mailto:a@example.net,",
        "v=TLSRPTv1;rua=http://r.example.net/",
        "v=TLSRPTv1;rua=ftp://r.example.net/",
        "v=TLSRPTv1;rua=javascript:alert(1)",
        "v=TLSRPTv1;rua=https:///no-host",
        "v=TLSRPTv1;rua=https:opaque",
        "v=TLSRPTv1;rua=https://user:secret@r.example.net/",
        "v=TLSRPTv1;rua=mailto:",
        "v=TLSRPTv1;rua=mailto:postmaster",
        "v=TLSRPTv1;rua=mailto:no-domain@",
        "v=TLSRPTv1;rua=mailto:a@example.net%0d%0aBcc:x@example.org",
        "v=TLSRPTv1;rua=mailto:a%@example.net",
        "v=TLSRPTv1;rua=mailto:a%4@example.net",
        "v=TLSRPTv1;rua=mailto:a%zz@example.net",
        "v=TLSRPTv1;rua=mailto:a@example.net!x",
        "v=TLSRPTv1;rua=mailto:\u00e9@example.net",
        "v=TLSRPTv1;rua=mailto:a@example.net\u0000",
        "v=TLSRPTv1;rua=mailto:a@exa mple.net",
        "v=TLSRPTv1;rua=mailto:a@example.net;novalue",
        "v=TLSRPTv1;rua=mailto:a@example.net;x=has space",
        "v=TLSRPTv1;rua=mailto:a@example.net;-bad=name",
        "v=TLSRPTv1;rua=mailto:a@example.net;x=a=b",
        "v=TLSRPTv1;rua=mailto:a@example.net;x=\u00e9",
        "v=TLSRPTv1;rua=mailto:a@a.example,mailto:b@a.example,mailto:c@a.example,mailto:d@a.example,"
                + "mailto:e@a.example,mailto:f@a.example",
    })
    void malformedAndHostileRecordsAreInvalid(String text) {
        assertInstanceOf(Parsed.Invalid.class, RecordParser.parse(text), text);
    }

    @Test
    void anOversizedRecordIsNotRead() {
        String huge = "v=TLSRPTv1;rua=mailto:a@example.net;x=" + "y".repeat(RecordParser.MAX_LENGTH);
        Parsed.Invalid invalid = assertInstanceOf(Parsed.Invalid.class, RecordParser.parse(huge));
        assertTrue(invalid.why().contains("longer than"), invalid.why());
    }

    @Test
    void aHostileRecordReachesTheLogOnlyAsPrintableAscii() {
        Parsed.Invalid invalid = assertInstanceOf(Parsed.Invalid.class,
                RecordParser.parse("v=TLSRPTv1;rua=gopher:\u001b[31m\r\nforged " + "x".repeat(500)));
        assertTrue(invalid.why().chars().allMatch(c -> c >= 0x20 && c < 0x7f), invalid.why());
        assertTrue(invalid.why().length() < 200, invalid.why());
    }
}
