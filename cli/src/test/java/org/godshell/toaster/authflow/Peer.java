package org.godshell.toaster.authflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.reload.Admin;
import org.godshell.toaster.reload.Daemon;
import org.godshell.toaster.reload.Smtp;
import org.godshell.toaster.reload.Talk;
import org.godshell.toaster.tls.SelfSigned;
import org.godshell.toaster.users.UserStore;

/**
 * One of the two toasters: a prefix of its own with one mail domain made by {@code toaster domain add} (and so
 * with DKIM keys), one user, and {@code toaster smtpd} running on it, delivery included, listening for SMTP and
 * submission on loopback ports the system picks. 127.0.0.1 may connect but not relay: to the other toaster,
 * this one's mail comes from outside.
 */
final class Peer implements AutoCloseable {

    static final String PASSWORD = "authflow-test-secret";

    /** control/me: the HELO name, and the authserv-id of this toaster's Authentication-Results. */
    final String me;
    final Path prefix;
    private final Path logs;
    private final Daemon smtpd;
    final int smtpPort;
    final int submissionPort;

    private Peer(String me, Path prefix, Path logs, Daemon smtpd, int smtpPort, int submissionPort) {
        this.me = me;
        this.prefix = prefix;
        this.logs = logs;
        this.smtpd = smtpd;
        this.smtpPort = smtpPort;
        this.submissionPort = submissionPort;
    }

    /**
     * Lays out a toaster in {@code root} whose every DNS question goes to {@code dns}, with {@code user}'s domain
     * and the control files {@code more} besides the defaults, and starts its smtpd.
     */
    static Peer start(Path root, String me, String user, FixtureDns dns, Map<String, String> more) throws Exception {
        Path prefix = Files.createDirectories(root.resolve("prefix"));
        Path logs = Files.createDirectories(root.resolve("logs"));
        Map<String, String> files = new HashMap<>(Map.of(
                "me", me + "\n",
                "listen-smtp", "127.0.0.1:0\n",
                "listen-submission", "127.0.0.1:0\n",
                "tcp.smtp", "127.0.0.1:allow\n",
                "dnsservers", "127.0.0.1:" + dns.address().getPort() + "\n",
                "servercert.pem", SelfSigned.create(me)));
        files.putAll(more);
        Path control = Files.createDirectories(prefix.resolve("control"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(control.resolve(file.getKey()), file.getValue());
        }
        Admin.toaster(prefix, "domain", "add", user.substring(user.indexOf('@') + 1));
        UserStore.open(prefix).addUser(user, PASSWORD.toCharArray());
        Daemon smtpd = Daemon.start(prefix, logs, "smtpd of " + me, "smtpd", "--grace", "0");
        try {
            return new Peer(me, prefix, logs, smtpd, smtpd.port(""), smtpd.port("(submission"));
        } catch (Exception | Error e) {
            smtpd.close();
            throw e;
        }
    }

    /**
     * Logs in as {@code user} on the submission port (STARTTLS, then AUTH PLAIN, RFC 4616) and sends
     * {@code message} from {@code user} to {@code recipient}; returns the reply to its final dot.
     */
    String submit(String user, String recipient, String message) throws Exception {
        try (Talk talk = Smtp.greeted(submissionPort)) {
            assertTrue(talk.smtp("EHLO client.test").contains("STARTTLS"));
            assertTrue(talk.smtp("STARTTLS").startsWith("220"));
            talk.tls(Optional.empty());
            assertTrue(talk.smtp("EHLO client.test").contains("AUTH "));
            String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            String login = talk.smtp("AUTH PLAIN " + plain);
            assertTrue(login.startsWith("235"), login);
            String reply = Smtp.transaction(talk, user, recipient, message);
            talk.smtp("QUIT");
            return reply;
        }
    }

    /**
     * Waits for the message with {@code text} in {@code user}'s Maildir folder {@code folder} ("" for the inbox,
     * ".Junk" for Junk) and returns it.
     */
    String delivered(String user, String folder, String text) throws Exception {
        return Admin.delivered(newMail(user, folder), text, " (this toaster's log: " + logs + ")");
    }

    /** Whether a message with {@code text} is in {@code user}'s Maildir folder {@code folder} now. */
    boolean holds(String user, String folder, String text) throws Exception {
        return Admin.message(newMail(user, folder), text).isPresent();
    }

    private Path newMail(String user, String folder) {
        int at = user.indexOf('@');
        return prefix.resolve("domains").resolve(user.substring(at + 1)).resolve(user.substring(0, at))
                .resolve("Maildir").resolve(folder).resolve("new");
    }

    /** Whether smtpd still runs, with its log when it does not. */
    void assertAlive() throws Exception {
        assertTrue(smtpd.alive(), smtpd + " died: " + smtpd.log());
    }

    @Override
    public void close() {
        smtpd.close();
    }
}
