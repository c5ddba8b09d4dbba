package org.godshell.toaster.acme;

import java.time.Duration;
import org.shredzone.acme4j.Authorization;

/**
 * The answers to one order's challenges, of one {@link ChallengeType}: each written where the wiki's server
 * serves it, the CA told to look, its verdict awaited. {@link #close} removes every answer written, whatever
 * happened: an answer left behind would prove control of the name to whoever gets the next token.
 */
sealed interface Answers extends AutoCloseable permits Http01Answers, TlsAlpn01Answers {

    /** Proves control of the authorization's name, or says why the CA did not accept the proof. */
    void prove(Authorization authorization, Duration patience)
            throws AcmeException, org.shredzone.acme4j.exception.AcmeException, InterruptedException;

    @Override
    void close() throws AcmeException;
}
