package org.godshell.toaster.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The tags of one DKIM-Signature header field, checked as RFC 6376 §3.5 and §6.1.1 require: the required tags
 * present, {@code v=1}, a known algorithm, {@code From} among the signed fields, {@code i=} inside {@code d=},
 * {@code x=} after {@code t=}. Anything else is a permerror for this signature only.
 *
 * @param identity   {@code i=}, or {@code @d} when absent (§3.5)
 * @param signedKeys the {@code h=} names in lower case, in order, repeats kept
 * @param length     {@code l=}, the canonical body octets signed, when present
 */
record SignatureTags(TagList tags, Algorithm algorithm, Canonicalization headerCanonicalization,
        Canonicalization bodyCanonicalization, String domain, String selector, String identity,
        List<String> signedKeys, byte[] bodyHash, byte[] signature, OptionalLong length, OptionalLong timestamp,
        OptionalLong expiry) {

    /** A DKIM-Signature field longer than this (a 4096-bit b= is 684 characters) is refused unread. */
    static final int MAX_FIELD = 16 * 1024;
    /** More signed field names than any signer writes; each costs a selection and a canonicalization. */
    static final int MAX_SIGNED = 128;

    SignatureTags {
        signedKeys = List.copyOf(signedKeys);
    }

    static SignatureTags parse(TagList tags) throws DkimError {
        String what = "the signature";
        String version = tags.required("v", what);
        if (!version.equals("1")) {
            throw DkimError.perm("v=" + Text.printable(version, 10) + " is not DKIM version 1");
        }
        Algorithm algorithm = Algorithm.of(tags.required("a", what));
        byte[] signature = Text.base64("b", tags.required("b", what));
        byte[] bodyHash = Text.base64("bh", tags.required("bh", what));
        String domain = Names.domain("d", tags.required("d", what));
        String selector = Names.selector(tags.required("s", what));
        String[] canonicalization = tags.get("c").orElse("simple/simple").split("/", -1);
        if (canonicalization.length > 2) {
            throw DkimError.perm("c= names more than a header and a body canonicalization");
        }
        Canonicalization header = Canonicalization.of(canonicalization[0]);
        Canonicalization body = canonicalization.length == 2 ? Canonicalization.of(canonicalization[1])
                : Canonicalization.SIMPLE; // §3.5: "relaxed" alone is relaxed/simple
        String identity = tags.get("i").orElse("@" + domain);
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw DkimError.perm("i=" + Text.printable(identity, 40) + " has no '@'");
        }
        String identityDomain = Names.domain("i", identity.substring(at + 1));
        if (!Names.within(identityDomain, domain)) {
            throw DkimError.perm("i=" + Text.printable(identity, 60) + " is not in d=" + domain + " (RFC 6376 §6.1.1)");
        }
        if (tags.get("q").isPresent() && List.of(Text.lower(tags.get("q").get()).split("\\s*:\\s*")).stream()
                .noneMatch(method -> method.equals("dns/txt"))) {
            throw DkimError.perm("q= offers no dns/txt, the only query method (RFC 6376 §3.5)");
        }
        OptionalLong timestamp = number(tags, "t", 12);
        OptionalLong expiry = number(tags, "x", 12);
        if (timestamp.isPresent() && expiry.isPresent() && expiry.getAsLong() <= timestamp.getAsLong()) {
            throw DkimError.perm("x= is not after t= (RFC 6376 §3.5)");
        }
        return new SignatureTags(tags, algorithm, header, body, domain, selector, identity, signed(tags), bodyHash,
                signature, number(tags, "l", 76), timestamp, expiry);
    }

    /** {@code h=}: names separated by colons with optional folding whitespace; From must be one (§5.4). */
    private static List<String> signed(TagList tags) throws DkimError {
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
