package org.godshell.toaster.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportBundleStream;
import org.eclipse.jgit.transport.URIish;

/**
 * The wiki repository ({@code wiki/wiki.git}, bare) as a git bundle of all its refs, in-process with JGit (no git
 * binary), and back: a fresh bare repository fetching every ref from the bundle, its HEAD pointed where the
 * original's pointed. A bundle is the repository's history, not its files: hooks and config are the installer's.
 */
final class WikiBundle {

    private WikiBundle() {
    }

    /**
     * Writes the bundle of {@code bare} to {@code out}; false (nothing written) when it has no ref yet.
     * A JGit bundle of a repository being pushed to holds the refs as read at the start, with their objects.
     */
    static boolean write(Path bare, OutputStream out) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
            BundleWriter writer = new BundleWriter(repository);
            int refs = 0;
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                if (!ref.isSymbolic() && ref.getObjectId() != null) {
                    writer.include(ref);
                    refs++;
                }
            }
            if (refs == 0) {
                return false;
            }
            writer.writeBundle(NullProgressMonitor.INSTANCE, out);
            return true;
        }
    }

    /** The ref HEAD names ({@code refs/heads/main}), as the archive's {@value MemberName#WIKI_HEAD} holds it. */
    static Optional<String> head(Path bare) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
            Ref head = repository.exactRef(Constants.HEAD);
            return head != null && head.isSymbolic() ? Optional.of(head.getTarget().getName()) : Optional.empty();
        }
    }

    /** Makes the bare repository {@code bare} (must not exist) from {@code bundle} (may be null: no refs). */
    static void restore(Path bundle, String head, Path bare) throws IOException {
        if (!head.matches("refs/heads/[A-Za-z0-9._/-]{1,200}") || head.contains("..")) {
            throw new IOException("the archive's wiki HEAD is not a branch: " + Escape.encode(head));
        }
        try (Git git = Git.init().setBare(true).setDirectory(bare.toFile()).call()) {
            Repository repository = git.getRepository();
            if (bundle != null) {
                try (InputStream in = Files.newInputStream(bundle);
                        Transport transport = new TransportBundleStream(repository, new URIish().setPath(
                                bundle.toString()), in)) {
                    transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+refs/*:refs/*")));
                }
            }
            RefUpdate update = repository.updateRef(Constants.HEAD);
            update.disableRefLog();
            update.link(head);
        } catch (GitAPIException e) {
            throw new IOException("cannot rebuild the wiki repository from its bundle: " + e.getMessage(), e);
        }
    }

    static byte[] headMember(String head) {
        return (head + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String parseHead(Path member) throws IOException {
        if (Files.size(member) > 256) {
            throw new IOException(MemberName.WIKI_HEAD + " is too long");
        }
        return Files.readString(member, StandardCharsets.UTF_8).strip();
    }
}
