package org.godshell.toaster.site.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * ACME's HTTP-01 answers (RFC 8555 §8.3): {@code GET /.well-known/acme-challenge/TOKEN} on any Host, over plain
 * HTTP too (the CA validates on port 80 and follows no redirect to a certificate it cannot trust yet), from one
 * directory the ACME client writes {@code TOKEN} files into while an order is open.
 *
 * <p>The token is matched on the raw path against its grammar, base64url (RFC 8555 §8.1: {@code [A-Za-z0-9_-]});
 * anything else under the prefix is a 404, so no escape ({@code ..}, {@code %2e}, a NUL) ever reaches the file
 * system, and nothing is listed. The file is opened without following links and must be a small regular file.
 */
final class AcmeChallengeRoute extends Handler.Abstract {

    static final String PREFIX = "/.well-known/acme-challenge/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** A key authorization is the token, a dot and a 43-character thumbprint (RFC 8555 §8.1); far below this. */
    static final int MAX_ANSWER = 1024;

    private final Path directory;

    AcmeChallengeRoute(Path directory) {
        this.directory = directory;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(PREFIX)) {
            return false;
        }
        String token = path.substring(PREFIX.length());
        byte[] answer = TOKEN.matcher(token).matches() ? read(directory.resolve(token)) : null;
        if (answer == null || !(request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))) {
            PlainReply.send(request, response, callback, 404, "404 no such challenge");
            return true;
        }
        response.setStatus(200);
        // RFC 8555 §8.3: the body is the key authorization; the CA reads it as text.
        response.getHeaders().put("Content-Type", "text/plain");
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Content-Length", Integer.toString(answer.length));
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }

    /** The file's bytes; null when it is missing, not a regular file (a link, a directory) or too big. */
    private static byte[] read(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() > MAX_ANSWER) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes(MAX_ANSWER + 1);
                return bytes.length > MAX_ANSWER ? null : bytes;
            }
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
