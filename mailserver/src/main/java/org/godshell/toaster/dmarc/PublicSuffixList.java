package org.godshell.toaster.dmarc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFile;

/**
 * Mozilla's Public Suffix List, parsed: the names under which anyone may register a domain ({@code com},
 * {@code co.uk}, {@code *.kawasaki.jp}, and private ones such as {@code blogspot.com}), and from them the
 * organizational domain of RFC 7489 §3.2, which DMARC's relaxed alignment compares. Immutable and thread-safe.
 *
 * <p>Rules are kept in A-labels, each under a key that says its kind: {@code co.uk}, {@code *.kawasaki.jp},
 * {@code !city.kobe.jp}. Lookups take names through {@link DomainName#ascii} first.
 *
 * @param rules every rule, keyed as above, with the section it was found in
 */
public record PublicSuffixList(Map<String, Section> rules) {

    /** The two parts of the list; DMARC uses both (RFC 7489 §3.2 names no part, and private suffixes are real). */
    public enum Section { ICANN, PRIVATE }

    public PublicSuffixList {
        rules = Map.copyOf(rules);
    }

    /**
     * Parses the list's lines as {@link ControlFile} read them (line numbers kept); a malformed line is a
     * {@link ConfigException} naming it. The format: one rule a line, read up to the first white space;
     * {@code //} comments; {@code *.} and {@code !} rules; the {@code ===BEGIN ICANN DOMAINS===} and
     * {@code ===BEGIN PRIVATE DOMAINS===} sections.
     */
    public static PublicSuffixList parse(Path file, List<ControlFile.Line> lines) throws ConfigException {
        return PublicSuffixParser.parse(file, lines);
    }

    /** How many rules the list holds. */
    public int size() {
        return rules.size();
    }

    /**
     * The public suffix of {@code domain} by the list's algorithm (publicsuffix.org/list/): the longest matching
     * rule, an exception rule meaning its parent; with no match, the default rule {@code *} (the last label).
     * With {@code withPrivate} false the PRIVATE section is left out.
     *
     * @return the suffix in A-labels, or empty when {@code domain} is no domain name ({@link DomainName#ascii})
     */
    public Optional<String> publicSuffix(String domain, boolean withPrivate) {
        return DomainName.ascii(domain).map(name -> suffixOf(name, withPrivate));
    }

    /**
     * The registrable domain: the public suffix and one more label ({@code example.co.uk} for
     * {@code www.example.co.uk}); empty when {@code domain} is a public suffix itself, or no domain name.
     */
    public Optional<String> registrableDomain(String domain) {
        return DomainName.ascii(domain).flatMap(name -> {
            String suffix = suffixOf(name, true);
            if (suffix.length() == name.length()) {
                return Optional.empty();
            }
            int dot = name.lastIndexOf('.', name.length() - suffix.length() - 2);
            return Optional.of(name.substring(dot + 1));
        });
    }

    /**
     * The organizational domain of RFC 7489 §3.2 (steps 1 to 4 are the registrable domain, with the whole
     * list). A name that is itself a public suffix is its own organizational domain: the RFC is silent, and
     * this is what OpenDMARC and mox do, so that mail from {@code co.uk} still finds {@code _dmarc.co.uk}.
     */
    public Optional<String> organizationalDomain(String domain) {
        return DomainName.ascii(domain).map(name -> registrableDomain(name).orElse(name));
    }

    private String suffixOf(String name, boolean withPrivate) {
        int start = 0;
        while (true) {
            String candidate = name.substring(start);
            int dot = name.indexOf('.', start);
            if (dot < 0) {
                return candidate; // the default rule "*": the last label is a public suffix
            }
            String parent = name.substring(dot + 1);
            if (holds("!" + candidate, withPrivate)) {
                return parent;
            }
            if (holds(candidate, withPrivate) || holds("*." + parent, withPrivate)) {
                return candidate;
            }
            start = dot + 1;
        }
    }

    private boolean holds(String key, boolean withPrivate) {
        Section section = rules.get(key);
        return section != null && (withPrivate || section == Section.ICANN);
    }
}
