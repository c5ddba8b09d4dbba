package org.godshell.toaster.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;

/**
 * The TLS the server uses now. Before each handshake it looks at the certificate files (names, modification
 * times, sizes: a few stats) and, when they changed, reads them again: a renewed certificate is served from the
 * next connection, without a restart. Files that no longer read keep the previous certificates in use, and the
 * problem is logged with the file's name.
 */
public final class TlsSource {

    private final Path control;
    private final Consumer<String> log;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ServerTls current;
    private volatile List<String> seen;

    private TlsSource(Path control, ServerTls first, List<String> seen, Consumer<String> log) {
        this.control = control;
        this.current = first;
        this.seen = seen;
        this.log = log;
    }

    /** The certificates of {@code control}, watched; empty when there is no {@code servercert.pem}. */
    public static Optional<TlsSource> watch(Path control, Consumer<String> log) throws ConfigException {
        List<String> seen = fingerprint(control);
        return ServerTls.fromControl(control).map(tls -> new TlsSource(control, tls, seen, log));
    }

    public ServerTls current() {
        List<String> now = fingerprint(control);
        if (now.equals(seen) || !lock.tryLock()) {
            return current;                                             // unchanged, or another session reloads
        }
        try {
            if (!now.equals(seen)) {
                seen = now;
                try {
                    current = ServerTls.fromControl(control).orElse(current);
                    log.accept("tls: certificates reloaded from " + control);
                } catch (ConfigException e) {
                    log.accept("tls: keeping the previous certificates: " + e.getMessage());
                }
            }
        } finally {
            lock.unlock();
        }
        return current;
    }

    /**
     * A context whose certificates follow {@link #current}, for servers that run their own TLS engine (the
     * wiki's web server): a renewed certificate is served from the next handshake, without a restart.
     */
    public SSLContext reloadingContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {reloadingKeys()}, null, null);
        return context;
    }

    /** The key manager of {@link #reloadingContext}, for a server that adds certificates of its own to it. */
    public X509ExtendedKeyManager reloadingKeys() {
        return new ReloadingKeyManager(this);
    }

    private static List<String> fingerprint(Path control) {
        List<String> files = new ArrayList<>();
        files.add(describe(control.resolve(ControlFiles.SERVERCERT_PEM.name())));
        Path more = control.resolve(ControlFiles.SERVERCERTS.name());
        if (Files.isDirectory(more)) {
            try (Stream<Path> list = Files.list(more)) {
                list.sorted().forEach(file -> files.add(describe(file)));
            } catch (IOException e) {
                files.add(more + " unreadable");
            }
        }
        return files;
    }

    private static String describe(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            // The inode too, as Controls does: an editor's or certbot's rename is a change even within one tick.
            return file + " " + attributes.lastModifiedTime() + " " + attributes.size() + " " + attributes.fileKey();
        } catch (IOException e) {
            return file + " missing";
        }
    }
}
