package org.godshell.toaster.config;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-source rules, {@code control/tcp.smtp}, in tcprules' text syntax (qmail-spp.md §6): one rule per line,
 * {@code <address>:allow} or {@code <address>:deny}, optionally followed by {@code ,VAR="value"} or
 * {@code ,VAR=value} assignments that become the session's environment. The toaster reads the text file
 * directly; there is no {@code tcp.smtp.cdb} to rebuild.
 *
 * <p>Beyond tcprules: CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) and IPv6 addresses, bare
 * ({@code ::1:allow}) or bracketed ({@code [::1]:allow}, {@code [2001:db8::]/32:allow}). The address ends at
 * the first colon that is followed by {@code allow} or {@code deny}; this is unambiguous because neither word
 * can appear inside an address (IPv6 digits are 0-9 and a-f).
 *
 * <p>The most specific rule wins: the one whose address set is smallest (an exact address beats a range, a
 * range beats the prefix around it, a longer prefix beats a shorter one, the empty address comes last); on a
 * tie a plain prefix beats a range, then the earlier line. With tcprules' own forms this is exactly tcpserver's
 * order. Immutable and thread-safe.
 */
public final class TcpRules {

    /**
     * What to do with a connection: accept or refuse it, and the environment variables to set, in file order.
     *
     * @param source where the rule came from, {@code file:line}, or {@code default} when no rule matched
     */
    public record Rule(boolean allow, Map<String, String> variables, String source) {
        public Rule {
            Objects.requireNonNull(source, "source");
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    /** tcpserver accepts a connection that no rule matches, and sets nothing. */
    private static final Rule NO_MATCH = new Rule(true, Map.of(), "default");

    /** A parsed line: its address set, its rule, and its text for {@code showconfig}. */
    private record Entry(AddressPattern pattern, Rule rule, int line, String text) {
    }

    private static final Comparator<Entry> MOST_SPECIFIC_FIRST = Comparator
            .comparing((Entry e) -> e.pattern().size())
            .thenComparing(e -> e.pattern().isRange())
            .thenComparingInt(Entry::line);

    private final List<Entry> bySpecificity;
    private final List<String> texts;
    private final List<Rule> inFileOrder;

    private TcpRules(List<Entry> entries) {
        this.texts = entries.stream().map(Entry::text).toList();
        this.inFileOrder = entries.stream().map(Entry::rule).toList();
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(MOST_SPECIFIC_FIRST);
        this.bySpecificity = List.copyOf(sorted);
    }

    /** No rules: every client is allowed, with no variables (what a missing tcp.smtp means). */
    public static TcpRules allowAll() {
        return new TcpRules(List.of());
    }

    /** Parses rules from text; {@code sourceName} stands for the file name in messages and rule sources. */
    public static TcpRules parse(String text, String sourceName) throws ConfigException {
        Path name = Path.of(sourceName);
        return fromLines(name, ControlFile.meaningful(ControlFile.decode(name, text.getBytes(StandardCharsets.UTF_8))));
    }

    static TcpRules fromLines(Path file, List<ControlFile.Line> lines) throws ConfigException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ControlFile.Line line : lines) {
            RuleLine parsed = RuleLine.parse(file, line.number(), line.text());
            Rule rule = new Rule(parsed.allow(), parsed.variables(), file + ":" + line.number());
            Entry entry = new Entry(parsed.pattern(), rule, line.number(), line.text());
            Integer earlier = seen.putIfAbsent(entry.pattern().key(), line.number());
            if (earlier != null) {
                throw new ConfigException(file, line.number(), "the address of this rule names the same clients "
                        + "as line " + earlier + "; only one of them could ever apply: keep one");
            }
            entries.add(entry);
        }
        return new TcpRules(entries);
    }

    /**
     * The rule for a client. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is matched as the IPv4
     * address it carries, so a dual-stack listener cannot be used to slip past IPv4 rules. No matching rule
     * means allow with no variables, as tcpserver does; loopback gets nothing special unless a rule says so.
     */
    public Rule match(InetAddress client) {
        byte[] address = client.getAddress();
        address = IpLiteral.unmapped(address).orElse(address);
        for (Entry e : bySpecificity) {
            if (e.pattern().matches(address)) {
                return e.rule();
            }
        }
        return NO_MATCH;
    }

    /** The rules' lines as written, in file order, for {@code toaster showconfig}. */
    public List<String> lines() {
        return texts;
    }

    /** Every rule, in file order: for checks across rules, such as the plugin files they name. */
    public List<Rule> rules() {
        return inFileOrder;
    }

    public boolean isEmpty() {
        return texts.isEmpty();
    }

    /** Equal when made of the same lines with the same rules (and sources), in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TcpRules other && texts.equals(other.texts) && inFileOrder.equals(other.inFileOrder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(texts, inFileOrder);
    }

    @Override
    public String toString() {
        return "TcpRules" + texts;
    }
}
