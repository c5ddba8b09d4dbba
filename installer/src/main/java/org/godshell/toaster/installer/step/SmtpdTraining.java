package org.godshell.toaster.installer.step;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * smtpd's training start, for every command but the wiki's: its name and certificate, no plugins, the SMTP port
 * and (with a certificate) submission on ports the kernel picks; stopped once it listens.
 */
record SmtpdTraining() implements Training {

    private static final List<String> LISTENERS = List.of("listen-smtp", "listen-submission");

    @Override
    public String family() {
        return "smtpd";
    }

    @Override
    public String describe() {
        return "a start of smtpd";
    }

    @Override
    public void lay(StepContext context, Path scratch) throws IOException {
        ScratchPrefix.copyControl(context.root(), scratch, List.of("me", "servercert.pem"));
        boolean tls = Files.isRegularFile(scratch.resolve("control/servercert.pem"));
        for (String name : LISTENERS) {
            if (tls || name.equals("listen-smtp")) {
                Files.writeString(scratch.resolve("control").resolve(name), "127.0.0.1:0\n");
            }
        }
    }

    @Override
    public List<String> arguments(Path scratch) {
        return List.of("smtpd", "--prefix", scratch.toString());
    }

    @Override
    public Optional<String> exercise(BufferedReader output) throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith("smtpd: listening on ")) {
                return Optional.empty();
            }
        }
        return Optional.of("the training run of smtpd ended without listening");
    }
}
