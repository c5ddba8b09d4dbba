package org.godshell.toaster.smtpd;

import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * What RCPT may ask of the user store: whether an address at one of our virtual domains has somewhere to go
 * (a user, alias, plus-address or catch-all), so that mail for nobody is refused at RCPT instead of accepted and
 * bounced to a sender that is often forged (backscatter). The session sees this question, not the store.
 */
@FunctionalInterface
public interface Recipients {

    /** An address's standing: someone has it, nobody has it, or it is not at one of our virtual domains. */
    enum Known { YES, NO, NOT_VIRTUAL }

    /** @throws UserStoreException when the domain's files cannot be read (the caller answers 451 4.3.0) */
    Known check(String address) throws UserStoreException;

    /** The virtual domains under {@code PREFIX/domains/}, as local delivery routes them ({@link UserStore#route}). */
    static Recipients of(UserStore store) {
        return address -> switch (store.route(address)) {
            case Route.Mailbox mailbox -> Known.YES;
            case Route.Forward forward -> Known.YES;
            case Route.NoSuchUser nobody -> Known.NO;
            case Route.NotLocal other -> Known.NOT_VIRTUAL;
        };
    }
}
