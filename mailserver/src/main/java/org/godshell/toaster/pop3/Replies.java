package org.godshell.toaster.pop3;

/**
 * The fixed replies, in one place so the dialogue tests and the wiki can rely on their wording. Response codes
 * in brackets are RFC 2449 §8 ({@code IN-USE}) and RFC 3206 ({@code AUTH}, {@code SYS/TEMP}).
 */
final class Replies {

    static final Reply UNKNOWN = Reply.err("unknown command");
    static final Reply LINE_TOO_LONG = Reply.err("line too long: commands are at most 255 octets (RFC 2449 section 4)");
    static final Reply BARE_LINE_ENDING = Reply.err("lines end with CRLF");
    static final Reply NUL = Reply.err("NUL in a command");
    static final Reply MALFORMED = Reply.err("a command is ASCII text");
    static final Reply TOO_MANY_ERRORS = Reply.err("too many bad commands, closing");
    static final Reply LOG_IN_FIRST = Reply.err("log in first");
    static final Reply ALREADY_LOGGED_IN = Reply.err("already logged in");
    static final Reply NO_ARGUMENTS = Reply.err("this command takes no arguments");
    static final Reply NO_SUCH_MESSAGE = Reply.err("no such message");
    static final Reply BAD_NUMBER = Reply.err("invalid message number");
    static final Reply ALREADY_DELETED = Reply.err("message already deleted");
    static final Reply VANISHED = Reply.err("message has been removed from the mailbox by another program");
    static final Reply NEEDS_TLS = Reply.err("AUTH",
            "plaintext authentication disallowed without TLS: use STLS, or port 995");
    static final Reply USER_FIRST = Reply.err("send USER first");
    static final Reply USER_NAME_NEEDED = Reply.err("USER needs a name");
    static final Reply BAD_LOGIN = Reply.err("AUTH", "invalid user name or password");
    static final Reply BLOCKED = Reply.err("AUTH", "too many failed logins from your address, try again later");
    static final Reply IN_USE = Reply.err("IN-USE", "mailbox in use by another POP3 session");
    /** RFC 3206 §4: SYS/PERM, a lasting problem; the client has to be pointed at the host that keeps the mail. */
    static Reply elsewhere(String host) {
        return Reply.err("SYS/PERM", "your mailbox is kept on " + host + ": set that host as your POP3 server");
    }

    /** RFC 3206 §4: the password could not be checked now (a user database that is down). */
    static final Reply USERS_UNAVAILABLE = Reply.err("SYS/TEMP", "cannot check passwords now, try again later");
    static final Reply MAILBOX_UNAVAILABLE = Reply.err("SYS/TEMP", "cannot open the mailbox now, try again later");
    static final Reply READ_FAILED = Reply.err("SYS/TEMP", "cannot read the message now, try again later");
    static final Reply TLS_GO_AHEAD = Reply.ok("begin TLS negotiation");
    static final Reply TLS_ACTIVE = Reply.err("TLS is already active");
    static final Reply TLS_UNAVAILABLE = Reply.err("STLS is not available: no certificate configured");
    static final Reply STLS_BEFORE_LOGIN = Reply.err("STLS only before login (RFC 2595 section 4)");
    static final Reply TIMEOUT = Reply.err("autologout: idle too long");
    static final Reply SHUTTING_DOWN = Reply.err("SYS/TEMP", "server shutting down, try again later");

    private Replies() {}
}
