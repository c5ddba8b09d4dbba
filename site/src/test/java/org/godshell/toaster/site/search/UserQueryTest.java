package org.godshell.toaster.site.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserQueryTest {

    private final Analyzer analyzer = WikiAnalyzer.create();

    @Test
    void wordsAreStemmedAndStopAndQuestionWordsDropped() {
        UserQuery query = UserQuery.read("How do I add a user to the greylisting?", analyzer);
        assertEquals(List.of("add", "user", "greylist"), query.words());
        assertEquals("", query.prefix(), "the text ends in '?': no word is being typed");
    }

    @Test
    void quotedWordsAreAPhraseWithTheirPositions() {
        UserQuery query = UserQuery.read("relay \"port of 587\" tls", analyzer);
        assertEquals(List.of("relai", "tl"), query.words());
        assertEquals(List.of(List.of(new UserQuery.Positioned("port", 0), new UserQuery.Positioned("587", 2))),
                query.phrases());
    }

    @Test
    void anUnbalancedQuoteLeavesWords() {
        UserQuery query = UserQuery.read("\"port 587", analyzer);
        assertEquals(List.of("port", "587"), query.words());
        assertEquals(List.of(), query.phrases());
    }

    @Test
    void theLastWordBeingTypedIsAPrefixTooUnlessShortOrFinished() {
        assertEquals("greyl", UserQuery.read("plugin greyl", analyzer).prefix());
        assertEquals("", UserQuery.read("plugin greyl ", analyzer).prefix());
        assertEquals("", UserQuery.read("plugin gr", analyzer).prefix());
        assertEquals("", UserQuery.read("greylist \"the\"", analyzer).prefix());
    }

    @Test
    void longQueriesAreCappedInCharactersAndTerms() {
        UserQuery query = UserQuery.read("alpha ".repeat(10) + String.join(" ", java.util.stream.IntStream
                .range(0, 100).mapToObj(i -> "w" + i).toList()), analyzer);
        assertTrue(query.words().size() <= UserQuery.MAX_TERMS, "terms: " + query.words().size());
        UserQuery phrases = UserQuery.read("\"a b c d e f g h i j k l m n o p q r s t u v w x y z\" more", analyzer);
        int terms = phrases.words().size() + phrases.phrases().stream().mapToInt(List::size).sum();
        assertTrue(terms <= UserQuery.MAX_TERMS, "terms: " + terms);
        assertTrue(UserQuery.read("x".repeat(10_000), analyzer).words().getFirst().length() <= UserQuery.MAX_CHARS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\"\"", "\"", "*", "?", "~", ":", "(", ")", "AND OR NOT", "the of and",
        "\u0000\u0007", "\\", "[a TO z]", "{", "/", "^2", "!", "&&", "||"})
    void syntaxStopWordsAndNothingAreNoQueryAndNoError(String typed) {
        UserQuery query = UserQuery.read(typed, analyzer);
        assertTrue(query.isEmpty() || !query.words().isEmpty(), () -> typed + " gave " + query);
        Ranking.of(query, true);
        Ranking.of(query, false);
    }
}
