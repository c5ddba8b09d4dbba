package org.godshell.toaster.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.godshell.toaster.auth.AuthThrottle;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.site.git.Login;
import org.godshell.toaster.site.git.PushAccounts;
import org.godshell.toaster.auth.Authenticator;
import org.godshell.toaster.users.UserStore;

/**
 * The wiki's pushers are the toaster's users: passwords checked by the user store, with the same throttle on
 * guessing as SMTP AUTH and POP3 (a blocked address is told how long it still is, without its password being
 * checked), and editors named in {@code control/wikieditors}, read at every push.
 */
final class WikiAccounts implements PushAccounts {

    private final UserStore users;
    private final AuthThrottle throttle;
    private final Controls editors;

    /** {@code editors}: the control directory wikieditors is read from at each push. */
    WikiAccounts(UserStore users, AuthThrottle throttle, Controls editors) {
        this.users = users;
        this.throttle = throttle;
        this.editors = editors;
    }

    @Override
    public Login verify(String account, char[] password, InetAddress client) {
        Optional<Duration> blocked = throttle.blockedFor(client);
        if (blocked.isPresent()) {
            return new Login.Throttled(blocked.get());
        }
        Authenticator.Verdict verdict = users.check(account, password);
        if (verdict == Authenticator.Verdict.ACCEPTED) {
            throttle.succeeded(client);
            return new Login.Accepted();
        }
        if (verdict == Authenticator.Verdict.UNAVAILABLE) {
            return new Login.Unavailable();                 // not the client's mistake: no throttle count
        }
        Duration wait = throttle.failed(client);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Login.Refused();
    }

    @Override
    public boolean isEditor(String account) throws IOException {
        try {
            return editors.get(ControlFiles.WIKIEDITORS).allows(account);
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
