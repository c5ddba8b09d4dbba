package org.godshell.toaster.arc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.godshell.toaster.dkim.DkimError;
import org.godshell.toaster.dkim.HeaderField;
import org.godshell.toaster.dkim.SignatureTags;
import org.godshell.toaster.dkim.TagList;

/**
 * Reads a message's ARC fields into sets and checks their structure (RFC 8617 §5.2 steps 1 to 3). Bounded: at
 * most {@link #MAX_FIELDS} ARC fields (three per set, 50 sets) are read, each at most
 * {@link SignatureTags#MAX_FIELD} long; more of either breaks the chain without reading further.
 */
final class ChainReader {

    static final int MAX_FIELDS = 3 * Instance.MAX;

    /** The three kinds of ARC field, in the order a seal hashes a set's fields (§5.1.1). */
    private enum Kind {
        RESULTS("ARC-Authentication-Results"), SIGNATURE("ARC-Message-Signature"), SEAL("ARC-Seal");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        static Optional<Kind> of(String key) {
            for (Kind kind : values()) {
                if (kind.field.equalsIgnoreCase(key)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** The fields of one instance found so far, by kind: indexes in the message (-1 for none yet), tag-lists. */
    private static final class Slots {
        private final int[] index = {-1, -1, -1};
        private final TagList[] tags = new TagList[3];

        int at(Kind kind) {
            return index[kind.ordinal()];
        }

        TagList tags(Kind kind) {
            return tags[kind.ordinal()];
        }

        /** Files the field; false when the instance already has one of its kind. */
        boolean put(Kind kind, int at, TagList parsed) {
            if (index[kind.ordinal()] >= 0) {
                return false;
            }
            index[kind.ordinal()] = at;
            tags[kind.ordinal()] = parsed;
            return true;
        }
    }

    private final List<HeaderField> fields;
    private final Map<Integer, Slots> byInstance = new HashMap<>();
    private String problem;
    private int highest;

    private ChainReader(List<HeaderField> fields) {
        this.fields = fields;
    }

    static Chain read(List<HeaderField> fields) {
        ChainReader reader = new ChainReader(fields);
        int count = 0;
        for (int i = 0; i < fields.size(); i++) {
            Optional<Kind> kind = Kind.of(fields.get(i).key());
            if (kind.isEmpty()) {
                continue;
            }
            if (++count > MAX_FIELDS) {
                return new Chain.Broken("more than " + MAX_FIELDS + " ARC fields, past the " + Instance.MAX
                        + " sets RFC 8617 §4.2.1 allows", reader.highest, false);
            }
            reader.add(i, kind.get());
        }
        return count == 0 ? new Chain.Absent() : reader.check();
    }

    /** Files the field at {@code index} under its instance, or notes why it cannot be. */
    private void add(int index, Kind kind) {
        HeaderField field = fields.get(index);
        if (field.raw().length() > SignatureTags.MAX_FIELD) {
            note("an " + kind.field + " field of " + field.raw().length() + " octets, over the "
                    + SignatureTags.MAX_FIELD + " accepted");
            return;
        }
        TagList tags = null;
        OptionalInt instance;
        if (kind == Kind.RESULTS) {
            instance = Instance.ofResults(field.value());
        } else {
            try {
                tags = TagList.parse(field.value(), SignatureTags.MAX_FIELD);
            } catch (DkimError e) {
                note("an " + kind.field + " that is no tag-list: " + e.getMessage());
                return;
            }
            instance = Instance.of(tags);
        }
        if (instance.isEmpty()) {
            note("an " + kind.field + " without a readable instance i= (RFC 8617 §4.2.1)");
            return;
        }
        int n = instance.getAsInt();
        highest = Math.max(highest, n);
        if (n < 1 || n > Instance.MAX) {
            note("an " + kind.field + " of i=" + n + ", outside the 1 to " + Instance.MAX + " of RFC 8617 §4.2.1");
            return;
        }
        if (!byInstance.computeIfAbsent(n, key -> new Slots()).put(kind, index, tags)) {
            note("two " + kind.field + " fields of instance " + n + " (RFC 8617 §5.2: exactly one each)");
        }
    }

    private void note(String reason) {
        if (problem == null) {
            problem = reason;
        }
    }

    /** §5.2 steps 2 and 3: instances 1 to N without a gap, one field of each kind each, and the cv= rules. */
    private Chain check() {
        Slots newest = byInstance.get(highest);
        boolean failedBefore = newest != null && newest.tags(Kind.SEAL) != null
                && cv(newest).filter(cv -> cv == Cv.FAIL).isPresent();
        if (problem != null) {
            return new Chain.Broken(problem, highest, failedBefore);
        }
        if (failedBefore) {
            return new Chain.Broken("the ARC-Seal of instance " + highest + " says cv=fail: a sealer found the "
                    + "chain broken (RFC 8617 §5.2 step 2)", highest, true);
        }
        List<ArcSet> sets = new ArrayList<>();
        for (int n = 1; n <= highest; n++) {
            Slots slots = byInstance.get(n);
            if (slots == null) {
                return broken("no ARC set of instance " + n + " below instance " + highest
                        + ": the instances run from 1 without a gap (RFC 8617 §5.2 step 3)");
            }
            for (Kind kind : Kind.values()) {
                if (slots.at(kind) < 0) {
                    return broken("instance " + n + " has no " + kind.field + " (RFC 8617 §5.2 step 3)");
                }
            }
            Optional<Cv> cv = cv(slots);
            Cv expected = n == 1 ? Cv.NONE : Cv.PASS;
            if (cv.isEmpty() || cv.get() != expected) {
                return broken("the ARC-Seal of instance " + n + " says cv="
                        + cv.map(Cv::word).orElse("(missing or unknown)") + " where it must say cv="
                        + expected.word() + " (RFC 8617 §5.2 step 3)");
            }
            sets.add(new ArcSet(n, slots.at(Kind.RESULTS), slots.at(Kind.SIGNATURE), slots.at(Kind.SEAL),
                    slots.tags(Kind.SIGNATURE), slots.tags(Kind.SEAL), cv.get()));
        }
        return new Chain.Complete(sets);
    }

    private static Optional<Cv> cv(Slots slots) {
        return slots.tags(Kind.SEAL).get("cv").flatMap(Cv::of);
    }

    private Chain broken(String reason) {
        return new Chain.Broken(reason, highest, false);
    }
}
