package org.godshell.toaster.users;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;

/**
 * {@code control/passwordrehash}: when it says {@code yes}, a successful login whose hash is weaker than the
 * default ({@link PasswordHash#outdated}: {@code {CRYPT}}, {@code {MD5-CRYPT}}, {@code {SHA256-CRYPT}}) writes the
 * user's line again with a new {@code {SHA512-CRYPT}} hash of the password just checked: the only moment the
 * toaster holds it. Off by default, since it changes files the admin may still compare with the old system.
 *
 * <p>The rewrite goes through the backend ({@link UserBackend#replacePassword}) and only while the
 * line still holds the hash that matched, so it never undoes an edit made meanwhile. It never fails a login: a
 * file that cannot be written (the wiki's unit may not write {@code domains/}) is logged and the login goes on.
 * The setting is read at each such login; a file that cannot be read counts as {@code no} and is logged once.
 */
final class Rehash {

    private final Controls control;
    private final Consumer<String> log;
    private final AtomicReference<String> lastComplaint = new AtomicReference<>("");

    Rehash(Path controlDir, Consumer<String> log) {
        this.log = log;
        this.control = new Controls(controlDir, log);
    }

    /** After {@code password} matched {@code stored} for {@code address}: rehashes if outdated and allowed. */
    void afterLogin(UserStore store, Address address, String stored, char[] password) {
        if (!PasswordHash.outdated(stored) || !allowed()) {
            return;
        }
        try {
            String fresh = PasswordHash.hash(password);
            if (store.backend().replacePassword(address, stored, fresh)) {
                log.accept("password of " + address + " rehashed from " + PasswordHash.scheme(stored) + " to "
                        + PasswordHash.SHA512 + " (control/passwordrehash)");
            } else {
                log.accept("password of " + address + " changed since the login read it; not rehashed");
            }
        } catch (UserStoreException | RuntimeException e) {
            log.accept("cannot rehash the password of " + address + ", which keeps its "
                    + PasswordHash.scheme(stored) + " hash: " + e.getMessage());
        }
    }

    private boolean allowed() {
        try {
            return control.get(ControlFiles.PASSWORDREHASH);
        } catch (ConfigException e) {
            String complaint = e.getMessage();
            if (!complaint.equals(lastComplaint.getAndSet(complaint))) {
                log.accept(complaint + "; passwords are not rehashed until it is fixed");
            }
            return false;
        }
    }
}
