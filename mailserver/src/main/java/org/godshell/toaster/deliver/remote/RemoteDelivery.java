package org.godshell.toaster.deliver.remote;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.godshell.toaster.config.Live;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.tlsrpt.SessionResult;
import org.godshell.toaster.tlsrpt.TlsResults;

/**
 * Delivers one message to the recipients of one remote domain: routes (smtproutes, else MX), then tries the
 * hosts' addresses in order until one conversation finishes (RFC 5321 §5.1: "try at least two addresses"), at
 * most {@link #MAX_ADDRESSES} of them so that a domain with fifty unreachable MX hosts costs minutes, not hours.
 * A host without SMTPUTF8 finishes only for the recipients it can take; the others go on ({@link Tally}).
 *
 * <p>TLS: before connecting to a domain's MX hosts, the {@link TlsRule}s (MTA-STS; DANE to come) decide for each
 * host how it must do TLS ({@link HostTls}); without a rule's answer, opportunistic STARTTLS with a plain-text
 * retry, as before. A host that cannot meet a required TLS is skipped without the retry; when no host is left
 * the recipients are deferred with the policy's reason. Every session's TLS outcome goes to the
 * {@link TlsResults} (RFC 8460). smtproutes relays and address literals are not MX delivery: no rule applies.
 *
 * <p>Thread-safe: one instance serves every concurrent delivery (each call has its own connection). The settings
 * are asked for at each delivery ({@link Live}), so an edit of smtproutes, smarthostauth, helohost, dnsservers or
 * the timeouts applies to the next one.
 */
public final class RemoteDelivery {

    /** Addresses tried per delivery, over all hosts (Postfix tries 5 by default; we are a little more patient). */
    static final int MAX_ADDRESSES = 10;

    private final Live<RemoteConfig> config;
    private final RandomGenerator random;
    private final List<TlsRule> rules;
    private final TlsResults results;
    private volatile Made made;

    /** What one version of the settings makes: the routing and the conversations' settings. */
    private record Made(RemoteConfig config, Routing routing, Conversation.Settings settings) {
    }

    public RemoteDelivery(RemoteConfig config) {
        this(Live.fixed(config));
    }

    public RemoteDelivery(Live<RemoteConfig> config) {
        this(config, List.of(), TlsResults.NONE);
    }

    /**
     * @param rules   asked in order for each MX host ({@link TlsRule}): DANE's, then {@link MtaStsRule}
     * @param results where each session's TLS outcome goes
     */
    public RemoteDelivery(Live<RemoteConfig> config, List<TlsRule> rules, TlsResults results) {
        this(config, RandomGenerator.getDefault(), rules, results);
    }

    RemoteDelivery(RemoteConfig config, RandomGenerator random) {
        this(Live.fixed(config), random, List.of(), TlsResults.NONE);
    }

    private RemoteDelivery(Live<RemoteConfig> config, RandomGenerator random, List<TlsRule> rules,
                           TlsResults results) {
        this.config = config;
        this.random = random;
        this.rules = List.copyOf(rules);
        this.results = Objects.requireNonNull(results, "results");
    }

    private Made made() {
        RemoteConfig now = config.get();
        Made known = made;
        if (known != null && known.config() == now) {
            return known;
        }
        Made fresh = new Made(now, new Routing(now.dns(), now.dnsTimeout(), now.routes(), now.auth(), now.mxPort(),
                random), new Conversation.Settings(now.helo(), now.timeouts(), results));
        made = fresh;
        return fresh;
    }

    /**
     * Delivers one message to recipients that all share {@code domain}; returns one Outcome per recipient, in
     * order (a recipient listed twice is sent once and appears once). Never throws for network or protocol
     * trouble: that is a Deferred.
     *
     * @param sender the envelope sender, empty for the null sender ({@code MAIL FROM:<>})
     * @throws IllegalArgumentException when {@code recipients} is empty or names another domain: a bug in the
     *                                  caller, not a delivery problem
     */
    public Map<String, Outcome> deliver(String sender, String domain, List<String> recipients,
                                        MessageSource message) {
        return deliver(sender, domain, recipients, message, Optional.empty());
    }

    /**
     * As {@link #deliver(String, String, List, MessageSource)}, to {@code via} when it is given: the mailbox host
     * of a domain of a shared user database ({@link Routing#find(String, Optional)}).
     */
    public Map<String, Outcome> deliver(String sender, String domain, List<String> recipients,
                                        MessageSource message, Optional<String> via) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(recipients));
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        for (String recipient : unique) {
            int at = recipient.lastIndexOf('@');
            if (at < 0 || !recipient.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("recipient " + recipient + " is not at " + domain);
            }
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> sendable = new ArrayList<>();
        for (String recipient : unique) {
            if (unsafe(recipient)) {
                // A CR or LF would end the RCPT command early and inject another (RFC 5321 §2.3.8).
                outcomes.put(recipient, new Outcome.Failed(Diagnosis.local("5.1.3",
                        "the address contains a control character")));
            } else {
                sendable.add(recipient);
            }
        }
        if (unsafe(sender)) {
            sendable.forEach(r -> outcomes.put(r, new Outcome.Failed(Diagnosis.local("5.1.7",
                    "the sender address contains a control character"))));
            sendable.clear();
        }
        if (!sendable.isEmpty()) {
            outcomes.putAll(send(sender, domain, sendable, message, via));
        }
        Map<String, Outcome> ordered = new LinkedHashMap<>();
        unique.forEach(r -> ordered.put(r, outcomes.get(r)));
        return ordered;
    }

    private Map<String, Outcome> send(String sender, String domain, List<String> recipients, MessageSource message,
            Optional<String> via) {
        Made current = made();
        Routing routing = current.routing();
        Conversation.Settings settings = current.settings();
        Routing.Destination destination = routing.find(domain, via);
        List<Routing.Host> hosts;
        boolean implicit;
        DomainTls tls;
        switch (destination) {
            case Routing.Destination.Unroutable u -> {
                return all(recipients, new Outcome.Failed(u.why()));
            }
            case Routing.Destination.Unknown u -> {
                return all(recipients, new Outcome.Deferred(u.why()));
            }
            case Routing.Destination.Hosts h -> {
                hosts = h.hosts();
                implicit = h.implicit();
                tls = h.mx() ? DomainTls.of(rules, domain, current.config()) : DomainTls.opportunistic(domain);
                if (!h.mx()) {
                    // A relay's sessions are not sessions with the domain's mail hosts: a TLS report to the
                    // domain (RFC 8460 §4) must not count them.
                    settings = new Conversation.Settings(settings.helo(), settings.timeouts(), TlsResults.NONE);
                }
            }
        }
        Tally tally = new Tally(recipients);
        boolean anyAddress = false;
        int tried = 0;
        for (Routing.Host host : hosts) {
            List<InetAddress> addresses;
            if (host.literal().isPresent()) {
                addresses = List.of(host.literal().get());
            } else {
                switch (routing.addresses(host.name())) {
                    case Routing.Addresses.Found f -> addresses = f.addresses();
                    case Routing.Addresses.Temporary t -> {
                        anyAddress = true;   // unknown, so not "no address": retry later
                        tally.problem(Diagnosis.local("4.4.3", t.why()));
                        continue;
                    }
                    case Routing.Addresses.None n -> {
                        if (tally.last() == null) {
                            tally.problem(Diagnosis.local("4.4.4", n.why()));
                        }
                        continue;
                    }
                }
            }
            anyAddress = true;
            HostTls hostTls;
            switch (tls.host(host.name())) {
                case HostDecision.Use use -> hostTls = use.tls();
                case HostDecision.Skip skip -> {
                    results.record(SessionResult.failed(skip.policy(), new SessionResult.Failure(skip.type(),
                            host.name(), Optional.empty(), skip.why())));
                    if (tally.last() == null) {
                        tally.problem(Diagnosis.remote("4.7.5", Diagnosis.clean(skip.why()), host.name(), ""));
                    }
                    continue;
                }
            }
            for (InetAddress address : addresses) {
                if (tried++ == MAX_ADDRESSES) {
                    return tally.finish();
                }
                Target target = new Target(host.name(), address, host.port(), host.credentials());
                List<String> waiting = tally.waiting();
                Attempt attempt = new Conversation(settings, target, hostTls, current.config().startTls(), sender,
                        waiting, message).run();
                if (attempt instanceof Attempt.TryNext next && next.tlsFailed()) {
                    // RFC 7435 §1.3: opportunistic TLS falls back to clear text rather than not delivering.
                    attempt = new Conversation(settings, target, hostTls, false, sender, waiting, message).run();
                }
                tally.add(attempt);
                if (tally.done()) {
                    return tally.finish();
                }
            }
        }
        if (!anyAddress) {
            return tally.finish(new Outcome.Failed(implicit
                    ? Diagnosis.local("5.1.2", "domain " + domain + " has no MX and no A or AAAA record")
                    : Diagnosis.local("5.4.4", "no mail host of " + domain + " has an address: "
                    + tally.last().text())));
        }
        return tally.finish();
    }

    private static boolean unsafe(String address) {
        return address.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static Map<String, Outcome> all(List<String> recipients, Outcome outcome) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        recipients.forEach(r -> outcomes.put(r, outcome));
        return outcomes;
    }
}
