package org.godshell.toaster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict parsing of aliases lines, and what hostile files do (nothing but problems for their own lines). */
class AliasFileTest {

    private static final Path FILE = Path.of("domains/d.test/aliases");

    private static AliasFile parse(String text) {
        return AliasFile.parse(FILE, "d.test", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readableFileWithCommentsBlankLinesAndCatchAll() {
        AliasFile file = parse("""
                # the sales team
                sales: ann@d.test, Bob.Smith@Example.ORG

                  # indented comment
                Info :  sales@d.test
                *: ann@d.test
                """);
        assertEquals(List.of(), file.problems());
        assertEquals(List.of("sales", "info", "*"), List.copyOf(file.aliases().keySet()));
        assertEquals(List.of("ann@d.test", "Bob.Smith@example.org"), file.aliases().get("sales").targets());
        assertEquals(5, file.aliases().get("info").line());
        assertEquals(Map.of(), file.broken());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "sales ann@d.test                    => has no ':'",
        "../x: ann@d.test                    => is not an alias name",
        "a/b: ann@d.test                     => is not an alias name",
        "ünï: ann@d.test                     => is not an alias name",
        "sales:                              => has no targets",
        "sales: ann@d.test,                  => an empty target",
        "sales: ann@d.test,,bob@d.test       => an empty target",
        "sales: ann                          => is not a full address",
        "sales: @relay:ann@d.test            => is not a full address",
        "sales: |/usr/bin/procmail           => pipes, files and :include: are not supported",
        "sales: /var/mail/sales              => pipes, files and :include: are not supported",
        "sales: :include:/etc/list           => pipes, files and :include: are not supported",
        "sales: ann@d.test bob@d.test        => is not an address: no spaces",
        "sales: ann@[192.0.2.1]              => with a domain name",
        "sales: \"a b\"@d.test               => is not an address: no spaces",
        "sales: ann@-bad-.test               => is not a valid address",
        "sales: ann@ünï.test                 => characters outside ASCII",
        "sales: a`b@d.test                   => is not a valid address",
        "sales: sales@d.test                 => back to itself",
        "sales: SALES@D.TEST                 => back to itself",
        "sales: sales+copy@d.test            => back to itself",
        "sales: x@d.test # comment           => is not an address: no spaces",
    })
    void badLinesAreProblemsWithFileAndLine(String line, String problem) {
        AliasFile file = parse("ok: ann@d.test\n" + line + "\nlater: bob@d.test\n");
        assertEquals(1, file.problems().size(), file.problems().toString());
        String text = file.problems().get(0).toString();
        assertTrue(text.startsWith(FILE + ":2: "), text);
        assertTrue(text.contains(problem), text);
        assertEquals(List.of("ok", "later"), List.copyOf(file.aliases().keySet()), "the other lines still count");
    }

    @Test
    void aBrokenLineWithAReadableNameIsRememberedSoItsMailIsDeferred() {
        AliasFile file = parse("sales: not-an-address\n: x@y.test\n");
        assertEquals(Map.of("sales", 1), file.broken());
        assertEquals(2, file.problems().size());
    }

    @Test
    void theFirstLineOfANameWinsAndLaterOnesAreReported() {
        AliasFile file = parse("sales: ann@d.test\nSALES: bob@d.test\nbad: x\nbad: ann@d.test\n");
        assertEquals(List.of("ann@d.test"), file.aliases().get("sales").targets());
        assertEquals(Map.of("bad", 3), file.broken(), "a broken first line is not replaced by a later one");
        List<String> problems = file.problems().stream().map(Object::toString).toList();
        assertTrue(problems.get(0).contains(":2: sales@d.test is already on line 1"), problems.toString());
        assertTrue(problems.get(2).contains(":4: bad@d.test is already on line 3"), problems.toString());
    }

    @Test
    void duplicateTargetsCountOnce() {
        assertEquals(List.of("ann@d.test"), parse("a: ann@d.test, ann@D.TEST\n").aliases().get("a").targets());
    }

    @Test
    void crlfLineEndsAreReadButOtherCarriageReturnsAreNot() {
        AliasFile file = parse("a: ann@d.test\r\nb: ann@d.test\rc: bob@d.test\r\n#c\r\n");
        assertEquals(List.of("a"), List.copyOf(file.aliases().keySet()));
        assertEquals(1, file.problems().size());
        assertTrue(file.problems().get(0).toString().contains(":2: contains a carriage return"));
    }

    @Test
    void nulAndInvalidUtf8SpoilOnlyTheirLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a: ann@d.test\u0000evil@x.test\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'b', ':', ' ', (byte) 0xC3, (byte) 0x28, '@', 'x', '.', 't', '\n'});
        bytes.writeBytes("c: bob@d.test\n".getBytes(StandardCharsets.UTF_8));
        AliasFile file = AliasFile.parse(FILE, "d.test", bytes.toByteArray());
        assertEquals(List.of("c"), List.copyOf(file.aliases().keySet()));
        assertEquals(Map.of("a", 1, "b", 2), file.broken());
        assertTrue(file.problems().stream().allMatch(p -> p.toString().contains("NUL")), file.problems().toString());
    }

    @Test
    void aHugeLineIsRefusedWithoutEchoingIt() {
        String huge = "big: " + "x".repeat(AliasFile.MAX_LINE) + "@d.test";
        AliasFile file = parse(huge + "\nok: ann@d.test\n");
        assertEquals(List.of("ok"), List.copyOf(file.aliases().keySet()));
        String problem = file.problems().get(0).toString();
        assertTrue(problem.contains("characters long") && problem.length() < 300, problem);
    }

    @Test
    void thousandTargetsFitAndOneMoreDoesNot() {
        String thousand = IntStream.range(0, AliasFile.MAX_TARGETS).mapToObj(i -> "u" + i + "@list.test")
                .collect(Collectors.joining(", "));
        AliasFile file = parse("list: " + thousand + "\nbig: " + thousand + ", one@more.test\n");
        assertEquals(AliasFile.MAX_TARGETS, file.aliases().get("list").targets().size());
        assertTrue(file.problems().get(0).toString().contains("has 1001 targets"), file.problems().toString());
    }

    @Test
    void fiftyThousandLinesParseQuickly() {
        String text = IntStream.range(0, 50_000).mapToObj(i -> "a" + i + ": t" + i + "@x.test")
                .collect(Collectors.joining("\n"));
        AliasFile file = parse(text);
        assertEquals(50_000, file.aliases().size());
        assertEquals(List.of("t49999@x.test"), file.aliases().get("a49999").targets());
    }

    @Test
    void editsChangeOnlyTheirLine() {
        AliasFile file = parse("# team\nsales: ann@d.test\nbroken\n*: ann@d.test\n");
        assertEquals("# team\nsales: ann@d.test, bob@x.test\nbroken\n*: ann@d.test\n",
                file.with("sales", Optional.of(List.of("ann@d.test", "bob@x.test"))));
        assertEquals("# team\nbroken\n*: ann@d.test\n", file.with("sales", Optional.empty()));
        assertEquals("# team\nsales: ann@d.test\nbroken\n*: ann@d.test\nnew: a@b.test\n",
                file.with("new", Optional.of(List.of("a@b.test"))));
    }
}
