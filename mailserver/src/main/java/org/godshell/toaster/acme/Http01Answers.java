package org.godshell.toaster.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * HTTP-01 (RFC 8555 §8.3): for each name, the key authorization written to {@code http-01/TOKEN}, which the
 * wiki's server answers at {@code http://NAME/.well-known/acme-challenge/TOKEN} on port 80; then the CA is told
 * to look, and we wait for its verdict. {@link #close} removes every answer written, whatever happened.
 */
final class Http01Answers implements Answers {

    private final Path directory;
    private final Handover handover;
    private final WrittenAnswers written = new WrittenAnswers("HTTP-01");

    Http01Answers(Path directory, Handover handover) {
        this.directory = directory;
        this.handover = handover;
    }

    @Override
    public void prove(Authorization authorization, Duration patience)
            throws AcmeException, org.shredzone.acme4j.exception.AcmeException, InterruptedException {
        String name = authorization.getIdentifier().getDomain();
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow(() ->
                AcmeException.challenge("the CA offers no HTTP-01 challenge for " + name + ", the only kind the "
                        + "toaster answers"));
        String token = challenge.getToken();
        if (!token.matches("[A-Za-z0-9_-]{1,128}")) {
            throw AcmeException.challenge("the CA's HTTP-01 token for " + name + " is not base64url "
                    + "(RFC 8555 §8.1); refusing to use it as a file name");
        }
        Path answer = directory.resolve(token);
        try {
            if (!Files.isDirectory(directory)) {
                AtomicFile.createDirectory(directory, AcmeFiles.DIRECTORY_MODE, handover);
            }
            written.add(answer);
            AtomicFile.write(answer, challenge.getAuthorization(), AcmeFiles.MODE, handover);
        } catch (IOException e) {
            throw AcmeException.local("cannot write the HTTP-01 answer " + answer + ": " + e.getMessage());
        }
        challenge.trigger();
        Status status = challenge.waitForCompletion(patience);
        if (status != Status.VALID) {
            throw AcmeException.challenge("the CA could not verify " + name + " over HTTP-01 (it asked http://"
                    + name + "/.well-known/acme-challenge/" + token + " on port 80, which toaster wiki serve "
                    + "answers when listen-http is set and port 80 is reachable from the Internet and " + name
                    + " points here): " + challenge.getError().map(AcmeException::detail).orElse("status "
                    + status));
        }
    }

    @Override
    public void close() throws AcmeException {
        written.removeAll();
    }
}
