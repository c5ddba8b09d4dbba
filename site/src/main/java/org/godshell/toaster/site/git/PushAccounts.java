package org.godshell.toaster.site.git;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Who may push, as the mail server knows it: the site module does not read passwords or control files itself;
 * {@code toaster wiki serve} wires this to the user store and {@code control/wikieditors}.
 */
public interface PushAccounts {

    /**
     * Whether the password is the account's; implementations slow down repeated failures from one client and,
     * past a count, answer {@link Login.Throttled} without checking the password.
     */
    Login verify(String account, char[] password, InetAddress client);

    /** Whether the account may push; read afresh for each push. An unreadable editor list throws (fail closed). */
    boolean isEditor(String account) throws IOException;
}
