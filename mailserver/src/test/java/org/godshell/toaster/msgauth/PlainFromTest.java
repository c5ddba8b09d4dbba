package org.godshell.toaster.msgauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser-free reading of a plain From: where it answers it must answer as mime4j does, on honest values, on
 * hostile ones (what DMARC alignment and the signing key depend on), and on random strings of the characters
 * that matter in an address list.
 */
class PlainFromTest {

    @ParameterizedTest
    @ValueSource(strings = {" ann@example.org", "ann@example.org", " Ann Example <ann@example.org>",
        "<ann@example.org>", " bench@bench.localhost ", "\tann@EXAMPLE.Org\t", "a.b-c_d+e@x-1.y2.example",
        "Ann <ann@sub.example.org>", "9@9", "ann@example", "Ann  Example   <a@b.example>"})
    void plainMailboxesAreReadWithoutTheParserAndAsTheParserReadsThem(String value) {
        Optional<String> plain = PlainFrom.domain(value);
        assertTrue(plain.isPresent(), value);
        assertEquals(FromAuthors.parsed(value), List.of(plain.get()), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ann", "@example.org", "ann@", "ann@@example.org", "a@b@c.example",
        "\"ceo@bank.example\" <x@evil.example>", "ceo@bank.example (x@evil.example)", "ceo@bank.example <x@evil.example>",
        "Team: a@one.example, b@two.example;", "a@one.example, b@two.example", "ann@[192.0.2.1]", "ann.@example.org",
        ".ann@example.org", "a..b@example.org", "ann@example.org.", "ann@.example.org", "ann@example..org",
        "<ann@example.org", "ann@example.org>", "<ann@example.org>>", "<<ann@example.org>", "< ann@example.org>",
        "Ann <ann@example.org> x", "Ann, Bob <ann@example.org>", "Ann.B <ann@example.org>",
        "=?utf-8?q?Ann?= <ann@example.org>", "ann@ex_ample.org", "ann@ex+ample.org", "j\u00f6rg@example.org",
        "ann@b\u00fccher.example", "Ann\u00e9 <ann@example.org>", "ann@example.org\u0000", "ann@exa mple.org",
        "Ann <ann@example.org>\r\n", "Ann (x) <ann@example.org>", "ann(x)@example.org", "ann@(x)example.org",
        "Ann <x@evil.example> <ann@example.org>", "Ann <ann@example.org, b@evil.example>"})
    void anythingElseIsLeftToTheParser(String value) {
        assertEquals(Optional.empty(), PlainFrom.domain(value), value);
    }

    /**
     * Random values near a plain mailbox (one built of random parts, then up to three characters of the address
     * grammar inserted, deleted or replaced): wherever the plain reading answers, mime4j agrees. A fixed seed, so
     * a failure is repeatable.
     */
    @Test
    void whereverThePlainReadingAnswersTheParserAgrees() {
        String alphabet = "aZ9.-_+@<> \t\"(),;:[]\\=?\u00e9";
        String[] words = {"ann", "Example", "ORG", "x-y", "1", "b_k", "a+b", "-", "."};
        Random random = new Random(25);
        int answered = 0;
        for (int n = 0; n < 50_000; n++) {
            String mailbox = word(random, words) + "@" + word(random, words) + "." + word(random, words);
            StringBuilder value = new StringBuilder(random.nextBoolean() ? mailbox
                    : word(random, words) + " " + word(random, words) + " <" + mailbox + ">");
            for (int edits = random.nextInt(4); edits > 0 && !value.isEmpty(); edits--) {
                int at = random.nextInt(value.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> value.insert(at, c);
                    case 1 -> value.deleteCharAt(at);
                    default -> value.setCharAt(at, c);
                }
            }
            Optional<String> plain = PlainFrom.domain(value.toString());
            if (plain.isPresent()) {
                answered++;
                assertEquals(FromAuthors.parsed(value.toString()), List.of(plain.get()), "<" + value + ">");
            }
        }
        assertTrue(answered > 5_000, "the random values include plain ones: " + answered);
    }

    private static String word(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
