package org.godshell.toaster.pop3;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.users.Address;
import org.godshell.toaster.users.UserStoreException;

/**
 * PASS (RFC 1939 §7): checks the password of the name given by USER, then locks and lists the mailbox. The
 * whole rest of the line is the password, spaces included. A failure does not say whether the user exists,
 * is counted by the throttle shared with SMTP AUTH, is answered slower as failures pile up, and is logged as
 * {@code login failed client=IP user=NAME} for fail2ban-style tools; the client must send USER again.
 */
final class PassHandler implements Handler {

    @Override
    public Step handle(SessionContext session, String argument) {
        if (!session.tlsActive()) {
            return Step.respond(Replies.NEEDS_TLS);
        }
        Optional<String> name = session.pendingUser();
        if (name.isEmpty()) {
            return Step.respond(Replies.USER_FIRST);
        }
        session.forgetPendingUser();                                   // RFC 1939 §7: a failed PASS needs a new USER
        if (session.accounts.throttle().blocked(session.client.getAddress())) {
            session.observer.login(LoginObserver.Outcome.BLOCKED);
            session.log.event(session.id, Pop3Log.clientEvent("login blocked", session.client));
            return new Step.Close(Replies.BLOCKED);
        }
        char[] password = argument.toCharArray();
        Authenticator.Verdict verdict;
        try {
            verdict = session.accounts.users().check(name.get(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (verdict == Authenticator.Verdict.UNAVAILABLE) {
            // Not the client's mistake: no throttle count, and not the line fail2ban counts ("login failed").
            session.log.event(session.id, Pop3Log.clientEvent("login unavailable", session.client));
            return Step.respond(Replies.USERS_UNAVAILABLE);
        }
        if (verdict == Authenticator.Verdict.REFUSED) {
            return failed(session, name.get());
        }
        session.accounts.throttle().succeeded(session.client.getAddress());
        Address address = Address.parse(name.get()).orElseThrow();     // verify accepts only store addresses
        return open(session, address);
    }

    /**
     * Opens the maildrop of {@code address}; a user of a shared user database whose mail another host keeps is
     * sent there, since this host has none of it.
     */
    private static Step open(SessionContext session, Address address) {
        try {
            Optional<String> elsewhere = session.accounts.elsewhere().of(address.domain());
            if (elsewhere.isPresent()) {
                session.log.event(session.id, "login " + address + ": mailbox kept on " + elsewhere.get());
                return Step.respond(Replies.elsewhere(elsewhere.get()));
            }
        } catch (UserStoreException e) {
            session.log.event(session.id, "mailbox of " + address + " unavailable: " + e.getMessage());
            return Step.respond(Replies.MAILBOX_UNAVAILABLE);
        }
        Optional<Maildrop> drop;
        try {
            if (session.accounts.makeMaildirs()) {
                Maildir.ensure(session.accounts.maildir(address));
            }
            drop = Maildrop.open(session.accounts.maildir(address));
        } catch (IOException e) {
            session.log.event(session.id, "mailbox of " + address + " unavailable: " + e.getMessage());
            return Step.respond(Replies.MAILBOX_UNAVAILABLE);
        }
        if (drop.isEmpty()) {
            session.log.event(session.id, "login " + address + ": mailbox in use");
            return Step.respond(Replies.IN_USE);
        }
        session.loggedIn(address.toString(), drop.get());
        session.observer.login(LoginObserver.Outcome.OK);
        Maildrop mailbox = drop.get();
        session.log.event(session.id, Pop3Log.loginOk(ip(session), address.toString(), mailbox.count(),
                mailbox.size()));
        return Step.respond(Reply.ok("logged in, " + mailbox.count() + " messages (" + mailbox.size() + " octets)"));
    }

    private static Step failed(SessionContext session, String name) {
        Duration delay = session.accounts.throttle().failed(session.client.getAddress());
        session.observer.login(LoginObserver.Outcome.FAILED);
        session.log.event(session.id, Pop3Log.loginFailed(ip(session), name));
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);                                    // this session's own virtual thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return session.accounts.throttle().blocked(session.client.getAddress()) ? new Step.Close(Replies.BLOCKED)
                : Step.respond(Replies.BAD_LOGIN);
    }

    private static String ip(SessionContext session) {
        return session.client.getAddress().getHostAddress();
    }
}
