package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;

/**
 * The admin's mailbox, by {@code toaster user add} with the password on stdin (never in argv). The password is
 * read from --password-file if that exists; otherwise asked on a terminal; otherwise made up, and then written to
 * --password-file (mode 0600) or printed once. With {@code --users} the mailbox is a row of the shared database
 * ({@link SharedUsers}), left as it is when another host added it.
 */
final class MailboxStep implements Step {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    static final int GENERATED_LENGTH = 16;

    private final StepContext context;
    private final SecureRandom random = new SecureRandom();

    MailboxStep(StepContext context) {
        this.context = context;
    }

    private String admin() {
        return context.settings().admin();
    }

    @Override
    public String name() {
        return "mailbox";
    }

    @Override
    public String describe() {
        return "mailbox " + admin() + " (the admin's; its password is " + context.settings().passwordFile()
                .map(file -> "in " + file).orElse(context.prompt().isPresent() ? "asked" : "made up and printed once")
                + ")";
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        if (context.settings().users().isPresent()) {
            return new SharedUsers(context).hasUser(context.settings().domain(), admin());
        }
        Path passwd = context.root().resolve("domains").resolve(context.settings().domain()).resolve("passwd");
        if (!Files.isRegularFile(passwd, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String user = admin() + ":";                               // Dovecot passwd-file: the whole address
        return Files.readAllLines(passwd, StandardCharsets.UTF_8).stream().anyMatch(line -> line.startsWith(user));
    }

    @Override
    public void apply() throws IOException, StepException {
        if (isDone()) {
            return;                                                // an interrupted run got this far
        }
        Optional<Path> file = context.settings().passwordFile();
        char[] password;
        boolean madeUp = false;
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            String text = Files.readString(file.get(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            password = text.toCharArray();
        } else {
            Optional<char[]> asked = context.prompt().flatMap(prompt -> prompt.ask(admin()));
            madeUp = asked.isEmpty();
            password = asked.orElseGet(this::generate);
        }
        try {
            if (madeUp && file.isPresent()) {
                writeSecret(file.get(), password);
            }
            List<String> add = context.toaster("user", "add", admin());
            Optional<String> stdin = Optional.of(new String(password) + "\n");
            if (context.settings().users().isPresent()) {
                if (!new SharedUsers(context).add(add, stdin, "the mailbox " + admin())) {
                    if (madeUp && file.isPresent()) {
                        Files.deleteIfExists(file.get());          // not its password: the other host's is
                    }
                    return;
                }
            } else {
                context.commands().require(add, stdin);
            }
            if (madeUp && file.isEmpty()) {
                context.out().println("         password of " + admin() + ": " + new String(password)
                        + "   (shown once; change it with: " + context.root().resolve("bin/toaster")
                        + " user passwd " + admin() + ")");
            } else if (madeUp) {
                context.out().println("         password of " + admin() + " written to " + file.get() + " (mode 0600)");
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    char[] generate() {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    private static void writeSecret(Path file, char[] password) throws IOException {
        AtomicFile.write(file, new String(password) + "\n", "rw-------");
    }
}
