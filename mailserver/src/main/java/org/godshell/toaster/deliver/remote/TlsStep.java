package org.godshell.toaster.deliver.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.godshell.toaster.smtp.Reply;
import org.godshell.toaster.smtpc.Extensions;
import org.godshell.toaster.smtpc.SmtpClient;
import org.godshell.toaster.tlsrpt.ResultType;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.godshell.toaster.tlsrpt.TlsResults;

/**
 * The STARTTLS step of one conversation (RFC 3207 §4) as the host's {@link HostTls} asks: opportunistic, it
 * carries on in plain text when STARTTLS is missing or refused and asks for the plain-text retry when the
 * handshake fails; required, any of these ends the attempt with a 4.7.5 and no retry (RFC 8461 §5, RFC 7672
 * §2.2). The session's outcome goes to the {@link TlsResults} (RFC 8460 §4.3), once per first attempt: the
 * plain-text retry has no TLS to report.
 */
final class TlsStep {

    /** What the step came to. */
    sealed interface Result {
        /** TLS is up: say EHLO again. */
        record Secured() implements Result {}

        /** Go on without TLS. */
        record Plain() implements Result {}

        /** End the attempt; {@code quit} when the connection is still good for a QUIT. */
        record Stop(Attempt attempt, boolean quit) implements Result {}
    }

    private final Target host;
    private final HostTls tls;
    private final boolean tryTls;
    private final TlsResults results;
    private final boolean offeredSmtputf8;

    TlsStep(Target host, HostTls tls, boolean tryTls, TlsResults results, boolean offeredSmtputf8) {
        this.host = host;
        this.tls = tls;
        this.tryTls = tryTls;
        this.results = results;
        this.offeredSmtputf8 = offeredSmtputf8;
    }

    Result run(SmtpClient client, Extensions offered, Duration timeout) throws IOException {
        if (!tryTls) {
            return tls instanceof HostTls.Required required ? stop(required, "STARTTLS is switched off here", true)
                    : new Result.Plain();
        }
        if (!offered.startTls()) {
            return notSupported("the host does not offer STARTTLS");
        }
        client.send("STARTTLS");
        client.flush();
        Reply reply = client.read(timeout);
        // RFC 3207 §4: any reply but 220 means no TLS.
        if (reply.code() != 220) {
            return notSupported("the host refused STARTTLS: " + Diagnoses.oneLine(reply));
        }
        TlsJudge judge = TlsJudge.of(tls);
        try {
            client.startTls(judge.factory(), host.name(), timeout);
        } catch (IOException e) {
            TlsFailures.Refusal refusal = judge.refusal().map(TlsFailures::classify).orElseGet(() ->
                    new TlsFailures.Refusal(ResultType.VALIDATION_FAILURE, "TLS handshake failed: "
                            + Diagnoses.shortText(e)));
            record(Optional.of(refusal));
            if (tls instanceof HostTls.Required required) {
                return stop(required, refusal.reason(), false);
            }
            return new Result.Stop(new Attempt.TryNext(Diagnoses.connection("4.7.5", host, "TLS handshake failed: "
                    + Diagnoses.shortText(e)), true, offeredSmtputf8), false);
        }
        record(judge.refusal().map(TlsFailures::classify));
        return new Result.Secured();
    }

    private Result notSupported(String why) {
        TlsFailures.Refusal refusal = new TlsFailures.Refusal(ResultType.STARTTLS_NOT_SUPPORTED, why);
        record(Optional.of(refusal));
        return tls instanceof HostTls.Required required ? stop(required, why, true) : new Result.Plain();
    }

    private Result stop(HostTls.Required required, String why, boolean quit) {
        return new Result.Stop(new Attempt.TryNext(Diagnoses.required(required, host, why), false,
                offeredSmtputf8), quit);
    }

    /** One session's result; a problem of the policy itself outweighs what the session did. */
    private void record(Optional<TlsFailures.Refusal> refusal) {
        Optional<TlsFailures.Refusal> failure = tls instanceof HostTls.Opportunistic o && o.problem().isPresent()
                ? o.problem().map(p -> new TlsFailures.Refusal(p.type(), p.why())) : refusal;
        SessionResult result = failure.map(f -> SessionResult.failed(tls.policy(), new SessionResult.Failure(
                f.type(), host.name(), Optional.of(host.address()), f.reason())))
                .orElseGet(() -> SessionResult.success(tls.policy()));
        results.record(result);
    }
}
