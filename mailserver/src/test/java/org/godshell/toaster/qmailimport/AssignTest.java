package org.godshell.toaster.qmailimport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vpopmail's users/assign: domains, domain aliases, hashed directories, and lines that point elsewhere. */
class AssignTest {

    private static final Path DOMAINS = Path.of("/home/vpopmail/domains");

    private static Assign parse(String text) throws ImportRefusedException {
        return Assign.parse(text.getBytes(StandardCharsets.UTF_8), DOMAINS);
    }

    @Test
    void readsDomainsAndAliasesAsVaddaliasdomainWritesThem() throws Exception {
        Assign file = parse("+example.com-:example.com:89:89:/home/vpopmail/domains/example.com:-::\n"
                + "+alias.example-:Example.com:89:89:/home/vpopmail/domains/example.com:-::\n"
                + "+big.example-:big.example:89:89:/home/vpopmail/domains/3/big.example:-::\n"
                + "=joe:joe:1000:1000:/home/joe:::\n.\n");
        assertEquals(List.of(new Assign.Entry(1, "example.com", "example.com", Path.of("example.com")),
                new Assign.Entry(2, "alias.example", "example.com", Path.of("example.com")),
                new Assign.Entry(3, "big.example", "big.example", Path.of("3/big.example"))), file.entries());
        assertEquals(List.of(), file.problems());
    }

    @Test
    void directoriesOutsideDomainsAndBrokenLinesAreProblems() throws Exception {
        Assign file = parse("+evil.example-:evil.example:89:89:/home/vpopmail/domains/../../../etc:-::\n"
                + "+etc.example-:etc.example:89:89:/etc:-::\n"
                + "+root.example-:root.example:89:89:/home/vpopmail/domains:-::\n"
                + "+short-:short\n"
                + "+bad name-:bad.example:89:89:/home/vpopmail/domains/bad.example:-::\n"
                + "+x-:not a domain:89:89:/home/vpopmail/domains/x:-::\n"
                + "+ok.example-:ok.example:89:89:ok.example:-::\n");
        assertEquals(List.of("ok.example"), file.entries().stream().map(Assign.Entry::domain).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), file.problems().stream().map(LineProblem::line).toList());
    }
}
