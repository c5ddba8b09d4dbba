package org.godshell.toaster.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which header fields the toaster signs, the {@code h=} of its signatures (RFC 6376 §5.4.1 leaves the choice to
 * the signer):
 * <ul>
 * <li>From, always, and the fields a reader sees or a client threads by, when present: Sender, Reply-To,
 *     Subject, Date, To, Cc, Message-ID, In-Reply-To, References, and the MIME fields that decide how the body
 *     is shown (MIME-Version, Content-Type, Content-Transfer-Encoding). Each is <em>oversigned</em>: listed once
 *     more than it occurs (§5.4.2, §8.15), so a copy added above it later (a second From or Subject that a
 *     mail reader might show instead) breaks the signature. RFC 5322 §3.6 allows one of each, so no honest hop
 *     adds one.</li>
 * <li>The List-* fields of RFC 2369, RFC 2919 and RFC 8058, when present, once per instance: a mailing list
 *     that forwards the message may add its own, and should not break ours by doing so.</li>
 * </ul>
 * Absent fields are not listed, so a hop may still add a Reply-To or List-Id; Received, Return-Path and
 * trace fields are never signed, as relays add and rewrite them (§5.4.1).
 */
public final class SignedFields {

    private static final List<String> ORDER = List.of("From", "Sender", "Reply-To", "Subject", "Date", "To", "Cc",
            "Message-ID", "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            "List-Id", "List-Help", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Subscribe", "List-Post",
            "List-Owner", "List-Archive");
    private static final Set<String> ONCE_PER_INSTANCE = Set.of("List-Id", "List-Help", "List-Unsubscribe",
            "List-Unsubscribe-Post", "List-Subscribe", "List-Post", "List-Owner", "List-Archive");

    private SignedFields() {
    }

    /** The {@code h=} names for {@code message}, in a fixed order, so the same message always gets the same list. */
    public static List<String> choose(Message message) {
        List<String> names = new ArrayList<>();
        for (String name : ORDER) {
            int present = message.named(Text.lower(name)).size();
            if (present == 0) {
                continue;
            }
            int listed = ONCE_PER_INSTANCE.contains(name) ? present : present + 1;
            for (int i = 0; i < listed; i++) {
                names.add(name);
            }
        }
        return names;
    }
}
