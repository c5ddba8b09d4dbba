package org.godshell.toaster.qmailimport.plan;

import java.nio.file.Path;
import java.util.List;

/** One change to the toaster. None carries a clear-text password; {@code AddUser} carries the old hash. */
public sealed interface Action {

    /** {@code toaster domain add}: the directory, the passwd file, the rcpthosts line. */
    record CreateDomain(String domain) implements Action {
    }

    /** A user with the old host's hash (Dovecot's {@code {SCHEME}} form), full name and quota (empty: none). */
    record AddUser(String address, String passwordField, String gecos, String quota) implements Action {
        @Override
        public String toString() {
            return "AddUser[" + address + ", " + passwordField.substring(0, passwordField.indexOf('}') + 1) + "]";
        }
    }

    /** The old Maildir carried into the user's, folders and IMAP/POP3 state included. */
    record CarryMail(String address, Path from, Path to) implements Action {
    }

    /** Targets added to an alias ({@code name@domain}, or {@code *@domain} for the catch-all). */
    record AddAlias(String alias, List<String> targets) implements Action {
        public AddAlias {
            targets = List.copyOf(targets);
        }
    }

    /** A control file written where there is none. */
    record WriteControl(String name, byte[] bytes) implements Action {
    }

    /** A tcp.smtp rule appended to {@code control/tcp.smtp}. */
    record AddTcpRule(String text) implements Action {
    }

    /** How the report names an action. */
    static String describe(Action action) {
        return switch (action) {
            case CreateDomain(String domain) -> "domain " + domain;
            case AddUser(String address, String field, String gecos, String quota) -> "user " + address + " ("
                    + field.substring(0, field.indexOf('}') + 1) + " hash" + (quota.isEmpty() ? "" : ", quota "
                    + quota) + ")";
            case CarryMail(String address, Path from, Path to) -> "mail of " + address + ": " + from + " -> " + to;
            case AddAlias(String alias, List<String> targets) -> "alias " + alias + ": " + String.join(", ", targets);
            case WriteControl(String name, byte[] bytes) -> "control/" + name + " (" + bytes.length + " bytes)";
            case AddTcpRule(String text) -> "control/tcp.smtp rule " + text;
        };
    }
}
