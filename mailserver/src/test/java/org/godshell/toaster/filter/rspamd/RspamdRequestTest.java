package org.godshell.toaster.filter.rspamd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request head: rspamd's envelope headers, and no way for a value to add headers of its own. */
class RspamdRequestTest {

    private static final Path MESSAGE = Path.of("/unused/message");

    @Test
    void theEnvelopeAsRspamdsHeaders() throws Exception {
        RspamdRequest request = new RspamdRequest(MESSAGE, "a@example.com", List.of("b@example.org", "c@example.org"),
                "192.0.2.1", Optional.of("mail.example.com"), "mail.example.com", Optional.of("alice@example.org"));
        assertEquals("POST /checkv2 HTTP/1.1\r\nHost: 127.0.0.1:11333\r\nContent-Length: 1234\r\n"
                + "From: a@example.com\r\nRcpt: b@example.org\r\nRcpt: c@example.org\r\nIP: 192.0.2.1\r\n"
                + "Hostname: mail.example.com\r\nHelo: mail.example.com\r\nUser: alice@example.org\r\n\r\n",
                new String(request.head("127.0.0.1:11333", 1234), StandardCharsets.UTF_8));
    }

    @Test
    void theNullSenderAndWhatIsNotKnown() throws Exception {
        RspamdRequest request = new RspamdRequest(MESSAGE, "", List.of("b@example.org"), "", Optional.empty(), "",
                Optional.of(""));
        assertEquals("POST /checkv2 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nFrom: <>\r\n"
                + "Rcpt: b@example.org\r\n\r\n", new String(request.head("localhost", 0), StandardCharsets.UTF_8));
    }

    @Test
    void anInternationalAddressGoesAsUtf8() throws Exception {
        RspamdRequest request = new RspamdRequest(MESSAGE, "jos\u00e9@example.com", List.of(), "", Optional.empty(), "",
                Optional.empty());
        String head = new String(request.head("h", 0), StandardCharsets.UTF_8);
        assertTrue(head.contains("From: jos\u00e9@example.com\r\n"), head);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example\r\nUser: admin", "a\nb", "a\rb", "nul\u0000", "tab\there", "del\u007f"})
    void aControlCharacterInAnyValueIsRefused(String hostile) {
        List<RspamdRequest> requests = List.of(
                new RspamdRequest(MESSAGE, hostile, List.of(), "", Optional.empty(), "", Optional.empty()),
                new RspamdRequest(MESSAGE, "", List.of("ok@example.org", hostile), "", Optional.empty(), "",
                        Optional.empty()),
                new RspamdRequest(MESSAGE, "", List.of(), hostile, Optional.empty(), "", Optional.empty()),
                new RspamdRequest(MESSAGE, "", List.of(), "", Optional.of(hostile), "", Optional.empty()),
                new RspamdRequest(MESSAGE, "", List.of(), "", Optional.empty(), hostile, Optional.empty()),
                new RspamdRequest(MESSAGE, "", List.of(), "", Optional.empty(), "", Optional.of(hostile)));
        for (RspamdRequest request : requests) {
            RspamdFailure e = assertThrows(RspamdFailure.class, () -> request.head("h", 0));
            assertTrue(e.getMessage().startsWith("control character in the "), e.getMessage());
        }
    }
}
