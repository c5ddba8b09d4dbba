package org.godshell.toaster.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.godshell.toaster.dkim.PublishedKey;
import org.godshell.toaster.dkim.keys.DkimKeys;
import org.godshell.toaster.dkim.keys.DkimKeysException;
import org.godshell.toaster.dkim.keys.Selector;
import org.godshell.toaster.io.Handover;

/**
 * How the commands print a domain's DKIM keys: a block per selector for {@code toaster dkim} (the name and the
 * value as a DNS provider's form asks for them), zone-file lines for {@code toaster dns} (values longer than 255
 * characters cut into several strings, RFC 1035 §3.3.14).
 */
final class DkimRecords {

    private DkimRecords() {
    }

    /** The selectors as {@code show} orders them: active, pending, retired, each in file order. */
    static List<Selector> ordered(List<Selector> selectors) {
        return selectors.stream().sorted(Comparator.comparing(Selector::state)).toList();
    }

    /** One selector's block; false when its key file cannot be read (the reason is printed in place of the value). */
    static boolean block(PrintWriter out, DkimKeys keys, String domain, Selector selector) {
        out.println("  " + selector.name() + "  " + selector.state().word() + "  " + selector.algorithm().word()
                + "  made " + selector.created());
        out.println("    name   " + selector.recordName(domain));
        try {
            out.println("    value  " + keys.record(domain, selector));
            return true;
        } catch (DkimKeysException e) {
            out.println("    value  (none: " + e.getMessage() + ")");
            return false;
        }
    }

    /** The blocks of several selectors; false when one could not be read. */
    static boolean blocks(PrintWriter out, DkimKeys keys, String domain, List<Selector> selectors) {
        boolean all = true;
        for (Selector selector : selectors) {
            all &= block(out, keys, domain, selector);
        }
        return all;
    }

    /**
     * The zone-file lines of every published key of {@code domain} (all states are published), or one line
     * saying there are none, or why they cannot be read.
     */
    static List<String> zoneLines(Path prefix, String domain) {
        DkimKeys keys = new DkimKeys(prefix, Handover.KEEP, Clock.systemUTC());
        List<String> lines = new ArrayList<>();
        try {
            List<Selector> selectors = ordered(keys.selectors(domain).selectors());
            if (selectors.isEmpty()) {
                return List.of("DKIM: " + domain + " has no keys; make them with: toaster dkim keygen " + domain);
            }
            for (Selector selector : selectors) {
                PublicKey key = keys.publicKey(domain, selector);
                lines.add(String.format("%-28s TXT  %s", selector.recordName(domain) + ".",
                        PublishedKey.txtStrings(key).stream().map(s -> "\"" + s + "\"")
                                .collect(Collectors.joining(" "))) + "   (" + selector.state().word() + ")");
            }
            return lines;
        } catch (DkimKeysException e) {
            return List.of("DKIM: the keys of " + domain + " cannot be read: " + e.getMessage());
        }
    }
}
