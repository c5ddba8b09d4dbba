package org.godshell.toaster.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The tags of one DKIM-Signature header field, checked as RFC 6376 §3.5 and §6.1.1 require: the required tags
 * present, {@code v=1}, a known algorithm, {@code From} among the signed fields, {@code i=} inside {@code d=},
 * {@code x=} after {@code t=}. Anything else is a permerror for this signature only. The two ARC fields are
 * DKIM signatures with a few tags changed (RFC 8617 §4.1.2, §4.1.3), so they are read here too, each by its
 * {@link Form}.
 *
 * @param identity   {@code i=}, or {@code @d} when absent (§3.5); always {@code @d} for the ARC forms, whose
 *                   {@code i=} is the instance
 * @param signedKeys the {@code h=} names in lower case, in order, repeats kept; empty for an ARC-Seal
 * @param bodyHash   {@code bh=}; empty for an ARC-Seal, which signs no body
 * @param length     {@code l=}, the canonical body octets signed, when present
 */
public record SignatureTags(TagList tags, Algorithm algorithm, Canonicalization headerCanonicalization,
        Canonicalization bodyCanonicalization, String domain, String selector, String identity,
        List<String> signedKeys, byte[] bodyHash, byte[] signature, OptionalLong length, OptionalLong timestamp,
        OptionalLong expiry) {

    /** A signature field longer than this (a 4096-bit b= is 684 characters) is refused unread. */
    public static final int MAX_FIELD = 16 * 1024;
    /** More signed field names than any signer writes; each costs a selection and a canonicalization. */
    public static final int MAX_SIGNED = 128;

    /** Which field the tags come from: the rules differ in {@code v=}, {@code i=}, {@code h=} and {@code bh=}. */
    public enum Form {
        /** DKIM-Signature (RFC 6376 §3.5). */
        DKIM,
        /**
         * ARC-Message-Signature (RFC 8617 §4.1.2): a DKIM signature with no {@code v=} (one is ignored) and an
         * {@code i=} that is the instance, not an identity; its {@code h=} must not name ARC-Seal.
         */
        ARC_MESSAGE,
        /**
         * ARC-Seal (RFC 8617 §4.1.3): {@code a=}, {@code b=}, {@code d=}, {@code s=}, {@code t=}, the instance
         * and {@code cv=} (read by the caller); no {@code bh=}, no {@code h=} (one makes the seal invalid), and
         * always relaxed header canonicalization (§5.1.1), whatever a {@code c=} says.
         */
        ARC_SEAL
    }

    public SignatureTags {
        signedKeys = List.copyOf(signedKeys);
    }

    /** The tags of a DKIM-Signature. */
    static SignatureTags parse(TagList tags) throws DkimError {
        return parse(tags, Form.DKIM);
    }

    public static SignatureTags parse(TagList tags, Form form) throws DkimError {
        String what = "the signature";
        if (form == Form.DKIM) {
            String version = tags.required("v", what);
            if (!version.equals("1")) {
                throw DkimError.perm("v=" + Text.printable(version, 10) + " is not DKIM version 1");
            }
        }
        Algorithm algorithm = Algorithm.of(tags.required("a", what));
        byte[] signature = Text.base64("b", tags.required("b", what));
        byte[] bodyHash = form == Form.ARC_SEAL ? new byte[0] : Text.base64("bh", tags.required("bh", what));
        String domain = Names.domain("d", tags.required("d", what));
        String selector = Names.selector(tags.required("s", what));
        String[] canonicalization = form == Form.ARC_SEAL ? new String[] {"relaxed", "relaxed"}
                : tags.get("c").orElse("simple/simple").split("/", -1);
        if (canonicalization.length > 2) {
            throw DkimError.perm("c= names more than a header and a body canonicalization");
        }
        Canonicalization header = Canonicalization.of(canonicalization[0]);
        Canonicalization body = canonicalization.length == 2 ? Canonicalization.of(canonicalization[1])
                : Canonicalization.SIMPLE; // §3.5: "relaxed" alone is relaxed/simple
        String identity = form == Form.DKIM ? identity(tags, domain) : "@" + domain;
        if (tags.get("q").isPresent() && List.of(Text.lower(tags.get("q").get()).split("\\s*:\\s*")).stream()
                .noneMatch(method -> method.equals("dns/txt"))) {
            throw DkimError.perm("q= offers no dns/txt, the only query method (RFC 6376 §3.5)");
        }
        OptionalLong timestamp = number(tags, "t", 12);
        OptionalLong expiry = number(tags, "x", 12);
        if (timestamp.isPresent() && expiry.isPresent() && expiry.getAsLong() <= timestamp.getAsLong()) {
            throw DkimError.perm("x= is not after t= (RFC 6376 §3.5)");
        }
        return new SignatureTags(tags, algorithm, header, body, domain, selector, identity, signed(tags, form),
                bodyHash, signature, number(tags, "l", 76), timestamp, expiry);
    }

    /** {@code i=}, or {@code @d}: an address or {@code @domain} inside {@code d=} (§6.1.1). */
    private static String identity(TagList tags, String domain) throws DkimError {
        String identity = tags.get("i").orElse("@" + domain);
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw DkimError.perm("i=" + Text.printable(identity, 40) + " has no '@'");
        }
        String identityDomain = Names.domain("i", identity.substring(at + 1));
        if (!Names.within(identityDomain, domain)) {
            throw DkimError.perm("i=" + Text.printable(identity, 60) + " is not in d=" + domain + " (RFC 6376 §6.1.1)");
        }
        return identity;
    }

    /**
     * {@code h=}: names separated by colons with optional folding whitespace; From must be one (§5.4). An
     * ARC-Seal has none (RFC 8617 §4.1.3); an ARC-Message-Signature must not sign ARC-Seal (§4.1.2), whose
     * fields each later hop adds.
     */
    private static List<String> signed(TagList tags, Form form) throws DkimError {
        if (form == Form.ARC_SEAL) {
            if (tags.get("h").isPresent()) {
                throw DkimError.perm("an ARC-Seal with h=, which RFC 8617 §4.1.3 does not allow");
            }
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String name : tags.required("h", "the signature").split(":", -1)) {
            String trimmed = name.strip();
            if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw DkimError.perm("h= holds an empty or malformed field name");
            }
            if (keys.size() == MAX_SIGNED) {
                throw DkimError.perm("h= names more than " + MAX_SIGNED + " fields");
            }
            keys.add(Text.lower(trimmed));
        }
        if (!keys.contains("from")) {
            throw DkimError.perm("h= does not sign From (RFC 6376 §5.4: it must)");
        }
        if (form == Form.ARC_MESSAGE && keys.contains("arc-seal")) {
            throw DkimError.perm("h= signs ARC-Seal, which an ARC-Message-Signature must not (RFC 8617 §4.1.2)");
        }
        return keys;
    }

    /** A decimal tag of at most {@code digits} digits (§3.5: {@code 1*12DIGIT}, {@code 1*76DIGIT}). */
    private static OptionalLong number(TagList tags, String name, int digits) throws DkimError {
        if (tags.get(name).isEmpty()) {
            return OptionalLong.empty();
        }
        String value = tags.get(name).get();
        if (value.isEmpty() || value.length() > digits || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw DkimError.perm(name + "=" + Text.printable(value, 20) + " is not a number of at most " + digits
                    + " digits");
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw DkimError.perm(name + "=" + value + " is larger than any message");
        }
    }
}
