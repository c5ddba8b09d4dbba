package org.godshell.toaster.msgauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.godshell.toaster.dmarc.Authors;
import org.godshell.toaster.queue.HeaderBlock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The From domains DMARC judges, as mime4j reads RFC 5322 address lists, on honest and hostile fields. */
class FromAuthorsTest {

    private static Authors authors(String header) throws IOException {
        return FromAuthors.of(HeaderBlock.read(new ByteArrayInputStream((header + "\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'From: ann@example.org\r\n'                                              | 1 | example.org",
        "'From: Ann Example <ann@example.org>\r\n'                                | 1 | example.org",
        "'From: \"ceo@bank.example\" <x@evil.example>\r\n'                        | 1 | evil.example",
        "'From: ceo@bank.example (x@evil.example)\r\n'                            | 1 | bank.example",
        "'From: Team: a@one.example, b@two.example;\r\n'                          | 1 | one.example two.example",
        "'From: a@one.example, b@two.example\r\n'                                 | 1 | one.example two.example",
        "'From: a@one.example\r\nFrom: b@two.example\r\n'                          | 2 | one.example two.example",
        "'From:\r\n ann@folded.example\r\n'                                       | 1 | folded.example",
        "'Subject: no from\r\n'                                                   | 0 | ''",
        "'From: not an address\r\n'                                               | 1 | ''",
        "'From: <>\r\n'                                                           | 1 | ''",
        "'From: a@b@c.example\r\n'                                                | 1 | ''",
        "'From: \"unterminated <a@x.example>\r\n'                                 | 1 | ''",
        "'fRoM: case@example.org\r\n'                                             | 1 | example.org"})
    void theDomainsOfEveryFromMailbox(String header, int fields, String domains) throws IOException {
        Authors authors = authors(header);
        assertEquals(fields, authors.fields());
        List<String> expected = domains.isEmpty() ? (fields == 0 ? List.of() : List.of(""))
                : List.of(domains.split(" "));
        assertEquals(expected, authors.domains());
    }

    @org.junit.jupiter.api.Test
    void aHugeListIsCappedNotParsedForever() throws IOException {
        StringBuilder from = new StringBuilder("From: a0@x.example");
        for (int i = 1; i < 2000; i++) {
            from.append(",\r\n a").append(i).append("@x.example");
        }
        Authors authors = authors(from + "\r\n");
        assertEquals(1, authors.fields());
        assertEquals(FromAuthors.MAX_MAILBOXES, authors.domains().size());
    }
}
