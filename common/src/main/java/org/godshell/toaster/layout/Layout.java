package org.godshell.toaster.layout;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who owns what in a toaster's prefix: the one table the installer applies, {@code toaster doctor} checks and
 * {@code doctor --fix} repairs, and that every command writing under the prefix follows ({@link Owners}).
 * Paths no rule covers (the program: {@code bin/}, {@code lib/}, …) are the installer's business alone.
 */
public final class Layout {

    /** One place in the prefix and the state it must have. */
    public sealed interface Rule permits AdminTree, ServiceTree, ServiceSecret {
        /** Relative to the prefix, with {@code /} between names. */
        String path();
    }

    /**
     * The admin's settings: the directory and everything under it the admin user's, writable by no one else (a
     * daemon must not change its own settings) and readable by the service (through others' bits, or the
     * service's group).
     */
    public record AdminTree(String path) implements Rule {}

    /**
     * What the daemons write: the directory and everything under it the service's user and group, the directory
     * itself with exactly {@code mode}; with {@code othersOut}, nothing under it readable by others (mailboxes
     * and password hashes).
     */
    public record ServiceTree(String path, String mode, boolean othersOut) implements Rule {}

    /**
     * A secret a daemon reads: the service's user and group, mode 0600. A link in its place (control/servercert.pem
     * pointing at acme/servercert.pem once ACME issued) is never changed; the file it points to must exist, and is
     * checked by the rule of its own place.
     */
    public record ServiceSecret(String path) implements Rule {
        public static final String MODE = "rw-------";
    }

    /** In the order the installer applies them; a more specific rule wins over the tree it lies in. */
    public static final List<Rule> RULES = List.of(
            new AdminTree("control"),
            new ServiceSecret("control/servercert.pem"),
            new ServiceSecret("control/servercert.pem.before-acme"),
            // ACME's account and certificate: the daemons' (toaster wiki serve renews), each key 0600.
            new ServiceTree("control/acme", "rwx------", true),
            new ServiceSecret("control/acme/account.pem"),
            new ServiceSecret("control/acme/servercert.pem"),
            new ServiceSecret("control/smarthostauth"),
            new ServiceSecret("control/metricstoken"),
            // The PostgreSQL role's password (control/userdb): only its owner may read it, so the daemons' user.
            new ServiceSecret("control/userdbpassword"),
            new ServiceTree("queue", "rwx------", false),
            new ServiceTree("var", "rwx------", false),
            new ServiceTree("wiki", "rwxr-x---", false),
            new ServiceTree("domains", "rwxr-x---", true));

    private Layout() {
    }

    /** The rule that covers {@code relative} (a path inside the prefix): the most specific one, if any. */
    public static Optional<Rule> ruleFor(Path relative) {
        Rule best = null;
        for (Rule rule : RULES) {
            Path covered = relative.getFileSystem().getPath(rule.path());
            if (relative.startsWith(covered) && (best == null || covered.getNameCount()
                    > relative.getFileSystem().getPath(best.path()).getNameCount())) {
                best = rule;
            }
        }
        return Optional.ofNullable(best);
    }
}
