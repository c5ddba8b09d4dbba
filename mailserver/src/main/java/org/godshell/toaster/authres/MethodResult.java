package org.godshell.toaster.authres;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.godshell.toaster.dmarc.DkimCheck;
import org.godshell.toaster.dmarc.DmarcVerdict;
import org.godshell.toaster.dmarc.DomainName;
import org.godshell.toaster.spf.SpfVerdict;

/**
 * One {@code resinfo} of an Authentication-Results field (RFC 8601 §2.2): {@code method=result}, an optional
 * {@code reason=}, an optional comment, then {@code ptype.property=value} pairs. The words are checked here;
 * the values, which may be the client's, are escaped when the field is written.
 *
 * @param method     {@code spf}, {@code dkim}, {@code dmarc}, ... (RFC 8601 §2.7)
 * @param result     the method's result word
 * @param reason     why, in words, as {@code reason=}
 * @param comment    a comment after the result, as {@code (p=reject dis=none)}
 * @param properties what the result is about
 */
public record MethodResult(String method, String result, Optional<String> reason, Optional<String> comment,
        List<Property> properties) {

    /** {@code ptype.property=value}: {@code smtp.mailfrom=user@example.com}, {@code header.d=example.com}. */
    public record Property(String type, String name, String value) {
        public Property {
            Values.keyword(type);
            Values.keyword(name);
            Objects.requireNonNull(value, "value");
        }
    }

    public MethodResult {
        Values.keyword(method);
        Values.keyword(result);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(comment, "comment");
        properties = List.copyOf(properties);
    }

    /** The same with {@code reason=} set. */
    public MethodResult withReason(String why) {
        return new MethodResult(method, result, Optional.of(why), comment, properties);
    }

    /**
     * {@code spf=RESULT smtp.mailfrom=SENDER} for a MAIL FROM check, {@code smtp.helo=NAME} for a HELO one
     * (RFC 8601 §2.7.2).
     */
    public static MethodResult spf(SpfVerdict verdict) {
        Property identity = verdict.identity().equals("helo") ? new Property("smtp", "helo", verdict.helo())
                : new Property("smtp", "mailfrom", verdict.sender());
        return new MethodResult("spf", verdict.result().word(), Optional.empty(), Optional.empty(), List.of(identity));
    }

    /**
     * {@code dkim=RESULT header.d=DOMAIN header.s=SELECTOR header.b=FIRST8} (RFC 8601 §2.7.1; {@code header.b}
     * from RFC 6008 §4, enough of the signature to tell two signatures of one domain apart).
     *
     * @param signature the signature's {@code b=} value, folding white space and all
     */
    public static MethodResult dkim(DkimCheck.Result result, String domain, String selector, String signature) {
        String b = signature.replaceAll("[ \t\r\n]", "");
        return new MethodResult("dkim", result.word(), Optional.empty(), Optional.empty(), List.of(
                new Property("header", "d", DomainName.ascii(domain).orElse(domain)),
                new Property("header", "s", selector),
                new Property("header", "b", b.substring(0, Math.min(8, b.length())))));
    }

    /**
     * {@code dmarc=RESULT (p=... sp=... dis=...) header.from=DOMAIN} (RFC 7489 §11.2), the comment giving the
     * policy found and what was applied, as the large providers write it.
     */
    public static MethodResult dmarc(DmarcVerdict verdict) {
        List<String> words = new ArrayList<>();
        verdict.record().ifPresent(record -> {
            words.add("p=" + record.policy().word());
            record.subdomainPolicy().ifPresent(sp -> words.add("sp=" + sp.word()));
        });
        words.add("dis=" + verdict.disposition().word());
        List<Property> properties = verdict.author().map(author -> List.of(new Property("header", "from", author)))
                .orElse(List.of());
        return new MethodResult("dmarc", verdict.result().word(), Optional.empty(),
                Optional.of(String.join(" ", words)), properties);
    }
}
