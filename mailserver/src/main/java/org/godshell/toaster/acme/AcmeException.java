package org.godshell.toaster.acme;

import java.time.Instant;
import java.util.Optional;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Why getting a certificate failed, in words an admin can act on, and what kind of failure it was: the kind
 * decides the back-off ({@link Backoff}) and the hint a command prints.
 */
public final class AcmeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as what to do next is concerned. */
    public enum Kind {
        /** The CA could not check that a name is ours (RFC 8555 §8): DNS, port 80, the wiki server. */
        CHALLENGE,
        /** The CA could not be reached at all (network, DNS, TLS to the CA). */
        UNREACHABLE,
        /** The CA limits how often we may ask (RFC 8555 §6.7 rateLimited); wait until Retry-After. */
        RATE_LIMITED,
        /** The CA asks a person to do something first (new terms of service, RFC 8555 §7.3.3). */
        ACTION_REQUIRED,
        /** The CA answered with another problem (RFC 8555 §6.7). */
        REFUSED,
        /** Our side: a file that cannot be read or written, a bad setting. */
        LOCAL
    }

    private final Kind kind;
    private final transient Optional<Instant> retryAfter;

    AcmeException(Kind kind, String message, Optional<Instant> retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    static AcmeException local(String message) {
        return new AcmeException(Kind.LOCAL, message, Optional.empty(), null);
    }

    static AcmeException challenge(String message) {
        return new AcmeException(Kind.CHALLENGE, message, Optional.empty(), null);
    }

    /** acme4j's exception, said for an admin; {@code doing} is what we were doing ("creating the account"). */
    static AcmeException from(org.shredzone.acme4j.exception.AcmeException e, String ca, String doing) {
        return switch (e) {
            case AcmeRateLimitedException limited -> new AcmeException(Kind.RATE_LIMITED, "the CA " + ca
                    + " limits how often certificates may be asked for (rateLimited) while " + doing + ": "
                    + detail(limited.getProblem()) + limited.getRetryAfter().map(at -> "; it asks us to wait until "
                    + at).orElse(""), limited.getRetryAfter(), e);
            case AcmeUserActionRequiredException action -> new AcmeException(Kind.ACTION_REQUIRED, "the CA " + ca
                    + " asks for a person's action while " + doing + ": " + detail(action.getProblem())
                    + action.getTermsOfServiceUri().map(uri -> "; read and agree to " + uri
                    + " with: toaster cert acme --agree-tos").orElse(""), Optional.empty(), e);
            case AcmeServerException server -> new AcmeException(Kind.REFUSED, "the CA " + ca + " refused "
                    + doing + ": " + detail(server.getProblem()), Optional.empty(), e);
            case AcmeNetworkException network -> new AcmeException(Kind.UNREACHABLE, "cannot reach the CA " + ca
                    + " while " + doing + ": " + cause(network), Optional.empty(), e);
            default -> new AcmeException(Kind.REFUSED, "the CA " + ca + " gave an answer we cannot use while "
                    + doing + ": " + e.getMessage(), Optional.empty(), e);
        };
    }

    /** A problem document (RFC 7807 as RFC 8555 §6.7 uses it): its type, detail and those of its subproblems. */
    static String detail(Problem problem) {
        StringBuilder text = new StringBuilder(problem.getType().toString().replace("urn:ietf:params:acme:error:",
                ""));
        problem.getDetail().ifPresent(detail -> text.append(": ").append(printable(detail)));
        for (Problem sub : problem.getSubProblems()) {
            text.append(" [").append(sub.getIdentifier().map(id -> id.getValue() + ": ").orElse(""))
                    .append(detail(sub)).append(']');
        }
        return text.toString();
    }

    /** Text from the CA, one line, no control characters: it goes into a log line and the state file. */
    static String printable(String text) {
        String flat = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.length() > 400 ? flat.substring(0, 400) + "..." : flat;
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return printable(root == e ? message : e.getMessage() + " (" + message + ")");
    }

    public Kind kind() {
        return kind;
    }

    /** The time the CA asked us to wait for (Retry-After), if it said. */
    public Optional<Instant> retryAfter() {
        return retryAfter;
    }
}
