package org.godshell.toaster.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The answer files one order wrote, removed together when it ends, whatever happened ({@link Answers}). */
final class WrittenAnswers {

    private final String kind;
    private final List<Path> written = new ArrayList<>();

    /** @param kind the challenge, for the error: {@code HTTP-01}, {@code TLS-ALPN-01} */
    WrittenAnswers(String kind) {
        this.kind = kind;
    }

    /** Noted before the file is written, so that a half-written one is removed too. */
    void add(Path answer) {
        written.add(answer);
    }

    void removeAll() throws AcmeException {
        List<String> left = new ArrayList<>();
        for (Path answer : written) {
            try {
                Files.deleteIfExists(answer);
            } catch (IOException e) {
                left.add(answer + " (" + e.getMessage() + ")");
            }
        }
        if (!left.isEmpty()) {
            throw AcmeException.local("cannot remove the " + kind + " answers " + String.join(", ", left));
        }
    }
}
