package org.godshell.toaster.spp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.dns.Lookup;

/**
 * {@code builtin:rbl [list ...]}: the sample script {@code plugins/rbl} in Java, line for line the same verdicts
 * (read that script for the reasons): trusted clients skipped, {@code D} without {@code TCPREMOTEIP}, IPv4
 * only, the lists asked in order (RFC 5782 §2.1: the reversed address under the list's zone), only answers in
 * 127.0.0.0/24 read as a listing, and a list that does not answer read as "not listed".
 *
 * <p>Unlike the script, it asks all the lists at once (one virtual thread each) and then reads the answers in
 * list order, so the first listing list still wins and the wait is one {@code RBL_TIMEOUT}, not one per list.
 *
 * @param lists the lists written on the line; empty: {@code RBLSERVERS} from the session, as the script reads it
 */
record BuiltinRbl(String source, String text, List<String> lists, Dns dns) implements Plugin {

    static final String DEFAULT_LISTS = "zen.spamhaus.org";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    BuiltinRbl {
        lists = List.copyOf(lists);
    }

    static BuiltinRbl parse(String source, String text, String arguments, Dns dns) throws PluginFactory.BadPlugin {
        List<String> lists = new ArrayList<>();
        for (String word : split(arguments)) {
            Optional<String> list = listName(word);
            if (list.isEmpty()) {
                throw new PluginFactory.BadPlugin("\"" + Command.printable(word) + "\" is not a DNS list name; "
                        + "write names such as zen.spamhaus.org bl.spamcop.net, separated by spaces");
            }
            lists.add(list.get());
        }
        return new BuiltinRbl(source, text, lists, dns);
    }

    @Override
    public String name() {
        return "builtin:rbl";
    }

    /** Its verdict is an LR line, a refusal of later RCPTs: after the final dot there is no RCPT left. */
    @Override
    public Optional<String> uselessIn(Section section) {
        return section == Section.BODY ? Optional.of("builtin:rbl refuses at RCPT time, which is over once the "
                + "message has arrived; put it in [connection] or [mail]") : Optional.empty();
    }

    @Override
    public PluginRun run(Section section, Map<String, String> environment) {
        long start = System.nanoTime();
        List<String> log = new ArrayList<>();
        try {
            List<String> lines = check(environment, log);
            return new PluginRun(this, lines, String.join("", log.stream().map(l -> l + "\n").toList()), 0,
                    Optional.empty(), micros(start));
        } catch (RuntimeException e) {
            return PluginRun.failed(this, "internal error: " + e, String.join("\n", log), micros(start));
        }
    }

    private List<String> check(Map<String, String> env, List<String> log) {
        if (env.containsKey("RELAYCLIENT") || !env.getOrDefault("SMTPAUTHUSER", "").isEmpty()) {
            return List.of();
        }
        String ip = env.getOrDefault("TCPREMOTEIP", "");
        if (ip.isEmpty()) {
            return List.of("D");
        }
        if (ip.startsWith("::ffff:") || ip.startsWith("::FFFF:")) {
            ip = ip.substring(7);
        }
        Optional<String> reversed = Ipv4Reversed.of(ip);
        if (reversed.isEmpty()) {
            return List.of();
        }
        String timeoutText = env.getOrDefault("RBL_TIMEOUT", "");
        Duration timeout = timeoutText.matches("[1-9]") ? Duration.ofSeconds(Integer.parseInt(timeoutText))
                : DEFAULT_TIMEOUT;
        List<String> names = new ArrayList<>();
        for (String word : lists.isEmpty() ? split(env.getOrDefault("RBLSERVERS", DEFAULT_LISTS)) : lists) {
            listName(word).ifPresentOrElse(names::add,
                    () -> log.add("rbl: ignoring odd list name in RBLSERVERS: " + word));
        }
        // All lists at once; a lookup still running after a hit ends by its own timeout, unread.
        String query = reversed.get();
        List<CompletableFuture<Lookup>> answers = names.stream().map(list -> {
            CompletableFuture<Lookup> answer = new CompletableFuture<>();
            Thread.ofVirtual().name("rbl " + list).start(() -> answer.complete(lookup(query + "." + list, timeout)));
            return answer;
        }).toList();
        for (int i = 0; i < names.size(); i++) {
            String list = names.get(i);
            switch (answers.get(i).join()) {
                case Lookup.NoAddress none -> { }
                case Lookup.Temporary failure -> log.add("rbl: " + list + " gave no answer within "
                        + timeout.toSeconds() + " s (" + failure.reason() + "); treated as not listed");
                case Lookup.Found found -> {
                    // The script's "sort -u" over the answers: the first 127.0.0.x in that order is the one logged.
                    for (String answer : found.addresses().stream().map(a -> a.getHostAddress()).sorted().distinct()
                            .toList()) {
                        if (answer.startsWith("127.0.0.")) {
                            log.add("rbl: " + ip + " listed at " + list + " (" + answer + ")");
                            return List.of("LR550 5.7.1 sorry, your address " + ip + " is listed at " + list
                                    + " (#5.7.1)");
                        }
                        log.add("rbl: " + list + " answered " + answer + " for " + ip
                                + ": not a listing (error code or odd answer), ignored");
                    }
                }
            }
        }
        return List.of();
    }

    private Lookup lookup(String name, Duration timeout) {
        try {
            return dns.ipv4(name + ".", timeout);
        } catch (RuntimeException e) {
            return new Lookup.Temporary(e.toString());
        }
    }

    /** The script's split: commas and white space separate, empty words vanish. */
    static List<String> split(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(word -> !word.isEmpty()).toList();
    }

    /**
     * The script's test for a list name (letters, digits, dots and hyphens; no leading dot, no empty label), its
     * final dot dropped; also a valid DNS name, which the script leaves to getent.
     */
    static Optional<String> listName(String word) {
        if (!word.matches("[A-Za-z0-9.-]+") || word.startsWith(".") || word.contains("..")) {
            return Optional.empty();
        }
        String list = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
        return Dns.valid(list + ".") ? Optional.of(list) : Optional.empty();
    }

    private static long micros(long start) {
        return (System.nanoTime() - start) / 1000;
    }
}
