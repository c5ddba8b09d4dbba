package org.godshell.toaster.smtpd;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.msgauth.MessageChecks;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.spp.Section;
import org.godshell.toaster.spp.SppSession;
import org.godshell.toaster.tls.TlsSource;

/**
 * The state of one SMTP session that handlers read and change: where the client is, what the per-source rule
 * gave it, what it has said so far. Confined to the session's thread.
 */
final class SessionContext {

    final SmtpConfig config;
    final Queue queue;
    final TransactionLog log;
    /** The server's TLS, or null when no certificate is configured (then STARTTLS is not offered). */
    final TlsSource tls;
    /** Password checks and the throttle; {@code users} empty when AUTH is not offered. */
    final Logins logins;
    /** Who has mail at our virtual domains, for the RCPT check of clients that may not relay. */
    final Recipients recipients;
    /** What is checked of a whole message before the reply to its final dot (DKIM, SPF, DMARC). */
    final MessageChecks checks;
    /** RFC 6409 §4 / RFC 8314: on submission ports MAIL needs a login. */
    final boolean requireAuth;
    final String id;
    final InetSocketAddress client;
    /** The session's environment, as qmail-smtpd under tcpserver has it: the rule's variables, TCP*, PROTO. */
    final Map<String, String> environment = new LinkedHashMap<>();
    /** The session's plugins; set once the environment is complete, before the connection hook. */
    SppSession spp;
    /** Who counts this session's work, and the port of the listener it came in on (a label of its counters). */
    SmtpObserver observer = SmtpObserver.NONE;
    int port;
    /** The stage of the refusal being answered, when the code that refused knows it better than the reply. */
    private Stage refusedAt;

    private State state = State.START;
    private String heloHost = "";
    private boolean esmtp;
    private Transaction transaction;
    /** "TLSv1.3 TLS_AES_128_GCM_SHA256" once STARTTLS succeeded; null on a plain connection. */
    private String tlsInfo;
    private String authenticatedUser;

    SessionContext(SmtpConfig config, Queue queue, TlsSource tls, Logins logins, Recipients recipients,
            MessageChecks checks, boolean requireAuth, TransactionLog log, String id, InetSocketAddress client,
            InetSocketAddress local, Map<String, String> ruleVariables) {
        this.config = config;
        this.checks = checks;
        this.queue = queue;
        this.tls = tls;
        this.logins = logins;
        this.recipients = recipients;
        this.requireAuth = requireAuth;
        this.log = log;
        this.id = id;
        this.client = client;
        environment.put("PROTO", "TCP");
        environment.put("TCPREMOTEIP", client.getAddress().getHostAddress());
        environment.put("TCPREMOTEPORT", Integer.toString(client.getPort()));
        environment.put("TCPLOCALIP", local.getAddress().getHostAddress());
        environment.put("TCPLOCALPORT", Integer.toString(local.getPort()));
        environment.putAll(ruleVariables);
    }

    /** Runs the plugins of a hook whose only outcome is go on, refuse, close or drop (qmail-spp.md §2). */
    Optional<Step> plugins(Section section) {
        return Step.unless(spp.run(section));
    }

    /** Notes the stage of the refusal about to be answered, for {@link Verdicts}. */
    void refusedAt(Stage stage) {
        refusedAt = stage;
    }

    /** The stage noted for the refusal being answered, once. */
    Optional<Stage> takeRefusedAt() {
        Optional<Stage> stage = Optional.ofNullable(refusedAt);
        refusedAt = null;
        return stage;
    }

    /** The TLS version the session runs, as a label. */
    TlsVersion tlsVersion() {
        return TlsVersion.of(tlsInfo);
    }

    /** STARTTLS may be offered: a certificate is configured and the connection is still plain. */
    boolean tlsOffered() {
        return tls != null && tlsInfo == null;
    }

    Optional<String> tlsInfo() {
        return Optional.ofNullable(tlsInfo);
    }

    /**
     * TLS is up: RFC 3207 §4.2 makes the client start again with EHLO, so the session forgets what it was told
     * in plain text (HELO name, any transaction) and returns to the state just after the greeting.
     */
    void tlsStarted(String info) {
        reset();
        tlsInfo = info;
        heloHost = "";
        esmtp = false;
        state = State.START;
        environment.remove("SMTPHELOHOST");
    }

    /** AUTH may be offered: a user store is there and the connection is in TLS (RFC 4954 §4, §14). */
    boolean authOffered() {
        return logins.users().isPresent() && tlsInfo != null && authenticatedUser == null;
    }

    /** The client may relay: a tcp.smtp rule set RELAYCLIENT, or it logged in. Its mail is ours to sign. */
    boolean trusted() {
        return environment.containsKey("RELAYCLIENT");
    }

    Optional<String> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    /**
     * A login succeeded (and the [auth] plugins let it): as the qmail AUTH patch, the user may relay, and
     * plugins see {@code TCPREMOTEINFO} (qmail-spp.md §2).
     */
    void authenticated(String user) {
        authenticatedUser = user;
        environment.put("RELAYCLIENT", "");
        environment.put("TCPREMOTEINFO", user);
    }

    State state() {
        return state;
    }

    String heloHost() {
        return heloHost;
    }

    /** EHLO was used: the extensions it advertised (SMTPUTF8, SIZE, BODY) may be used. */
    boolean esmtp() {
        return esmtp;
    }

    /** RELAYCLIENT set, by a tcp.smtp rule today and by plugins or AUTH later, allows any recipient domain. */
    boolean relayAllowed() {
        return environment.containsKey("RELAYCLIENT");
    }

    Optional<Transaction> transaction() {
        return Optional.ofNullable(transaction);
    }

    /** HELO or EHLO accepted; the handler called {@link #reset} before the plugins ran (RFC 5321 §4.1.4). */
    void greeted(String host, boolean extended) {
        heloHost = host;
        esmtp = extended;
        state = State.READY;
    }

    void begin(Transaction started) {
        transaction = started;
        state = State.MAIL;
    }

    void recipientAccepted() {
        state = State.RCPT;
    }

    /** Ends the transaction after DATA; the caller has logged its outcome. */
    void finishTransaction() {
        transaction = null;
        spp.endTransaction();
        state = heloHost.isEmpty() && !esmtp ? State.START : State.READY;
    }

    /**
     * RSET, HELO/EHLO, STARTTLS (RFC 5321 §4.1.1.5, §4.1.4; RFC 3207 §4.2): the transaction goes, and with it
     * what plugins attached to it (its headers and later errors).
     */
    void reset() {
        abandonTransaction();
        spp.endTransaction();
    }

    /** QUIT or a dropped connection, or part of {@link #reset}: logs an open transaction as abandoned, ends it. */
    void abandonTransaction() {
        if (transaction != null) {
            log.transaction(this, transaction, 0, "-", "abandoned", "");
            transaction = null;
            state = heloHost.isEmpty() && !esmtp ? State.START : State.READY;
        }
    }
}
