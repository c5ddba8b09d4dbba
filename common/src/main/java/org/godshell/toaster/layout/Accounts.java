package org.godshell.toaster.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * The two accounts of an install. The admin's owns the program and {@code control/}: a daemon must not be able
 * to change its own code or settings. The service's runs the daemons and owns what they write (the queue, the
 * mailboxes, the wiki) and the secrets they read. In a system install they are root and {@value #SERVICE_USER};
 * in an unprivileged one both are whoever owns the prefix.
 */
public record Accounts(Account admin, Account service) {

    /** The daemons' user and group in a system install. */
    public static final String SERVICE_USER = "toaster";

    /** A user and a group; printed {@code user:group}. */
    public record Account(UserPrincipal user, GroupPrincipal group) {
        @Override
        public String toString() {
            return user.getName() + ":" + group.getName();
        }
    }

    /** The service's account does not exist: a system install whose user was removed, or not made yet. */
    public static final class Missing extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Missing(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The accounts of the install in {@code prefix}, as its {@link InstallRecordFile} says. */
    public static Accounts of(Path prefix) throws IOException {
        return InstallRecordFile.system(InstallRecordFile.read(prefix)) ? system(prefix) : unprivileged(prefix);
    }

    /** A system install: the prefix's owner (root) and {@value #SERVICE_USER}, which must exist. */
    public static Accounts system(Path prefix) throws IOException {
        UserPrincipalLookupService lookup = prefix.getFileSystem().getUserPrincipalLookupService();
        try {
            return new Accounts(ownerOf(prefix), new Account(lookup.lookupPrincipalByName(SERVICE_USER),
                    lookup.lookupPrincipalByGroupName(SERVICE_USER)));
        } catch (UserPrincipalNotFoundException e) {
            throw new Missing("the system user and group " + SERVICE_USER + " do not exist; run the installer "
                    + "again to create them", e);
        }
    }

    /** An unprivileged install: everything belongs to the prefix's owner. */
    public static Accounts unprivileged(Path prefix) throws IOException {
        Account owner = ownerOf(prefix);
        return new Accounts(owner, owner);
    }

    /** Whether one account does everything (an unprivileged install). */
    public boolean single() {
        return admin.equals(service);
    }

    private static Account ownerOf(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return new Account(attributes.owner(), attributes.group());
    }
}
