package org.godshell.toaster.smtpd;

import org.godshell.toaster.users.Route;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/**
 * What RCPT may ask of the user store: whether an address at one of our virtual domains has somewhere to go
 * (a user, alias, plus-address or catch-all), so that mail for nobody is refused at RCPT instead of accepted and
 * bounced to a sender that is often forged (backscatter); and whether a domain missing from rcpthosts is one of
 * a shared user database's, which every host of it accepts. The session sees these questions, not the store.
 */
public interface Recipients {

    /** An address's standing: someone has it, nobody has it, or it is not at one of our virtual domains. */
    enum Known { YES, NO, NOT_VIRTUAL }

    /** @throws UserStoreException when the users cannot be read (the caller answers 451 4.3.0) */
    Known check(String address) throws UserStoreException;

    /**
     * Whether {@code domain} is accepted beside rcpthosts: a domain of a shared user database.
     *
     * @throws UserStoreException when the database cannot be asked (the caller answers 451 4.3.0)
     */
    boolean sharedDomain(String domain) throws UserStoreException;

    /** The virtual domains of {@code store}, as local delivery routes them ({@link UserStore#route}). */
    static Recipients of(UserStore store) {
        return new Recipients() {
            @Override
            public Known check(String address) throws UserStoreException {
                return switch (store.route(address)) {
                    case Route.Mailbox mailbox -> Known.YES;
                    case Route.Relay relay -> Known.YES;
                    case Route.Forward forward -> Known.YES;
                    case Route.NoSuchUser nobody -> Known.NO;
                    case Route.NotLocal other -> Known.NOT_VIRTUAL;
                };
            }

            @Override
            public boolean sharedDomain(String domain) throws UserStoreException {
                return store.sharedDomain(domain);
            }
        };
    }
}
