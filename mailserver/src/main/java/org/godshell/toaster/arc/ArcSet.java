package org.godshell.toaster.arc;

import java.util.List;
import org.godshell.toaster.dkim.HeaderField;
import org.godshell.toaster.dkim.TagList;

/**
 * One ARC set of a message (RFC 8617 §4.1): its ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal,
 * by their index among the message's fields, with the two signatures' tag-lists and the seal's {@code cv=}.
 */
record ArcSet(int instance, int results, int signature, int seal, TagList signatureTags, TagList sealTags, Cv cv) {

    /** The set's fields in the order a seal hashes them (§5.1.1): results, message signature, seal. */
    List<HeaderField> fields(List<HeaderField> message) {
        return List.of(message.get(results), message.get(signature), message.get(seal));
    }
}
