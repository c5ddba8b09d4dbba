package org.godshell.toaster.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The list's algorithm on the shipped list, with the test cases publicsuffix.org publishes (tests/test_psl.txt:
 * registrable domain, or none for a public suffix), and the parser on small hostile lists.
 */
class PublicSuffixListTest {

    private static final Path FILE = Path.of("control/publicsuffixlist");

    static PublicSuffixList list(String... lines) throws ConfigException {
        List<ControlFile.Line> numbered = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            numbered.add(new ControlFile.Line(i + 1, lines[i]));
        }
        return PublicSuffixList.parse(FILE, numbered);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
        "COM, -", "example.COM, example.com", "WwW.Example.COM, example.com", "example.com., example.com",
        "example.com, example.com", "b.example.com, example.com", "a.b.example.com, example.com",
        "biz, -", "domain.biz, domain.biz", "b.domain.biz, domain.biz",
        "uk.com, -", "example.uk.com, example.uk.com", "a.example.uk.com, example.uk.com", "test.ac, test.ac",
        "mm, -", "c.mm, -", "b.c.mm, b.c.mm", "a.b.c.mm, b.c.mm",
        "jp, -", "test.jp, test.jp", "www.test.jp, test.jp", "ac.jp, -", "test.ac.jp, test.ac.jp",
        "www.test.ac.jp, test.ac.jp", "kyoto.jp, -", "test.kyoto.jp, test.kyoto.jp", "ide.kyoto.jp, -",
        "b.ide.kyoto.jp, b.ide.kyoto.jp", "a.b.ide.kyoto.jp, b.ide.kyoto.jp", "c.kobe.jp, -",
        "b.c.kobe.jp, b.c.kobe.jp", "a.b.c.kobe.jp, b.c.kobe.jp", "city.kobe.jp, city.kobe.jp",
        "www.city.kobe.jp, city.kobe.jp",
        "ck, -", "test.ck, -", "b.test.ck, b.test.ck", "a.b.test.ck, b.test.ck", "www.ck, www.ck",
        "www.www.ck, www.ck",
        "us, -", "test.us, test.us", "www.test.us, test.us", "ak.us, -", "test.ak.us, test.ak.us",
        "www.test.ak.us, test.ak.us", "k12.ak.us, -", "test.k12.ak.us, test.k12.ak.us",
        "www.test.k12.ak.us, test.k12.ak.us",
        "食狮.com.cn, xn--85x722f.com.cn", "食狮.公司.cn, xn--85x722f.xn--55qx5d.cn",
        "www.食狮.公司.cn, xn--85x722f.xn--55qx5d.cn", "shishi.公司.cn, shishi.xn--55qx5d.cn", "公司.cn, -",
        "食狮.中国, xn--85x722f.xn--fiqs8s", "www.食狮.中国, xn--85x722f.xn--fiqs8s", "中国, -",
        "xn--85x722f.com.cn, xn--85x722f.com.cn", "xn--85x722f.xn--55qx5d.cn, xn--85x722f.xn--55qx5d.cn",
        "www.xn--85x722f.xn--55qx5d.cn, xn--85x722f.xn--55qx5d.cn", "xn--55qx5d.cn, -",
        "shishi.xn--fiqs8s, shishi.xn--fiqs8s", "xn--fiqs8s, -",
        "localhost, -", "mail.localhost, mail.localhost",
    })
    void registrableDomainsOfTheShippedList(String domain, String expected) {
        assertEquals(Optional.ofNullable(expected), PublicSuffixes.shipped().registrableDomain(domain));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "mail.example.com, example.com", "example.com, example.com", "a.b.example.co.uk, example.co.uk",
        "co.uk, co.uk", "com, com", "foo.blogspot.com, foo.blogspot.com", "a.foo.blogspot.com, foo.blogspot.com",
        "MAIL.Example.ORG., example.org",
    })
    void theOrganizationalDomainIsTheRegistrableOneOrTheSuffixItself(String domain, String expected) {
        assertEquals(Optional.of(expected), PublicSuffixes.shipped().organizationalDomain(domain));
    }

    @Test
    void thePrivateSectionCountsUnlessLeftOut() {
        PublicSuffixList shipped = PublicSuffixes.shipped();
        assertEquals(PublicSuffixList.Section.PRIVATE, shipped.rules().get("blogspot.com"));
        assertEquals(PublicSuffixList.Section.ICANN, shipped.rules().get("co.uk"));
        assertEquals(Optional.of("blogspot.com"), shipped.publicSuffix("foo.blogspot.com", true));
        assertEquals(Optional.of("com"), shipped.publicSuffix("foo.blogspot.com", false));
        assertTrue(shipped.size() > 9000, "the whole list: " + shipped.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "a..b", ".example", "example..", "a b", "ex ample.com", "[192.0.2.1]",
        "192.0.2.1]", "a@b.example", "*.example", "a/b.example"})
    void namesThatAreNoDomainHaveNoSuffix(String name) {
        assertEquals(Optional.empty(), DomainName.ascii(name));
        assertEquals(Optional.empty(), PublicSuffixes.shipped().organizationalDomain(name));
        assertEquals(Optional.empty(), PublicSuffixes.shipped().publicSuffix(name, true));
    }

    @Test
    void hostileNamesAreRefusedNotLookedUp() {
        assertEquals(Optional.empty(), DomainName.ascii("a".repeat(64) + ".example"));
        assertEquals(Optional.empty(), DomainName.ascii(("a".repeat(63) + ".").repeat(4) + "example"));
        assertEquals(Optional.empty(), DomainName.ascii("x".repeat(100_000)));
        assertEquals(Optional.empty(), DomainName.ascii("exa\nmple.com"));
        assertEquals(Optional.empty(), DomainName.ascii("exa\u0000mple.com"));
        assertEquals(Optional.empty(), DomainName.ascii("example.com\r\nX-Evil: 1"));
        assertEquals(Optional.empty(), DomainName.ascii("user@example.com"));
        assertEquals(Optional.of("xn--bcher-kva.example"), DomainName.ascii("Bücher.example"));
    }

    @Test
    void parsesRulesWildcardsExceptionsAndSections() throws ConfigException {
        PublicSuffixList list = list("// comment", "// ===BEGIN ICANN DOMAINS===", "uk", "co.uk",
                "*.kawasaki.jp", "!city.kawasaki.jp", "公司.cn   trailing words are ignored",
                "// ===END ICANN DOMAINS===",
                "// ===BEGIN PRIVATE DOMAINS===", "blogspot.com", "// ===END PRIVATE DOMAINS===");
        assertEquals(6, list.size());
        assertEquals(Optional.of("example.co.uk"), list.registrableDomain("www.example.co.uk"));
        assertEquals(Optional.of("a.b.kawasaki.jp"), list.registrableDomain("www.a.b.kawasaki.jp"));
        assertEquals(Optional.of("city.kawasaki.jp"), list.registrableDomain("www.city.kawasaki.jp"));
        assertEquals(Optional.of("xn--55qx5d.cn"), list.publicSuffix("a.公司.cn", true));
        assertEquals(Optional.of("example.xn--55qx5d.cn"), list.registrableDomain("example.xn--55qx5d.cn"));
        assertEquals(PublicSuffixList.Section.PRIVATE, list.rules().get("blogspot.com"));
        assertEquals(PublicSuffixList.Section.ICANN, list.rules().get("!city.kawasaki.jp"));
        assertEquals(Optional.of("example.net"), list.registrableDomain("a.example.net"), "the default rule *");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "*.*.example | 2", "a.*.example | 2", "* | 2", "!example | 2", "!*.example | 2", "a!b.example | 2",
        "a..example | 2", ".example | 2", "example. | 2", "<html> | 2", "exa_mple~.com | 2",
        "xn--a.xn--b.x\u0001y | 2",
    })
    void aMalformedRuleIsAnErrorWithItsLine(String rule, int line) {
        ConfigException e = assertThrows(ConfigException.class, () -> list("ok.example", rule, "fine.example"));
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("control/publicsuffixlist:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("publicsuffix.org"), "the fix: " + e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "no control character echoed");
    }

    @Test
    void aLabelOrNameTooLongIsMalformed() {
        assertEquals(1, assertThrows(ConfigException.class, () -> list("a".repeat(64) + ".example")).line());
        assertEquals(1, assertThrows(ConfigException.class,
                () -> list(("a".repeat(60) + ".").repeat(5) + "example")).line());
    }

    @Test
    void sectionsMustNestAndClose() {
        String begin = "// ===BEGIN ICANN DOMAINS===";
        String end = "// ===END ICANN DOMAINS===";
        assertEquals(2, assertThrows(ConfigException.class, () -> list("com", begin, "net")).line(),
                "a list cut short inside a section: the line that opened it");
        assertEquals(3, assertThrows(ConfigException.class, () -> list(begin, "com", begin)).line());
        assertEquals(1, assertThrows(ConfigException.class, () -> list(end, "com")).line());
        assertEquals(3, assertThrows(ConfigException.class,
                () -> list(begin, "com", "// ===END PRIVATE DOMAINS===")).line());
    }

    @Test
    void aListWithoutRulesIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> list("// only comments", ""));
        assertTrue(e.getMessage().contains("holds no rule"), e.getMessage());
        assertThrows(ConfigException.class, () -> list());
    }

    @Test
    void tooManyRulesIsAnError() {
        String[] lines = new String[PublicSuffixParser.MAX_RULES + 1];
        Arrays.setAll(lines, i -> "r" + i + ".example");
        ConfigException e = assertThrows(ConfigException.class, () -> list(lines));
        assertEquals(PublicSuffixParser.MAX_RULES + 1, e.line());
    }

    @Test
    void duplicateRulesKeepTheirFirstSection() throws ConfigException {
        PublicSuffixList list = list("example", "// ===BEGIN PRIVATE DOMAINS===", "example",
                "// ===END PRIVATE DOMAINS===");
        assertEquals(1, list.size());
        assertEquals(PublicSuffixList.Section.ICANN, list.rules().get("example"));
    }
}
