package org.godshell.toaster.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.godshell.toaster.deliver.local.Maildir;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.Intake;
import org.godshell.toaster.queue.Queue;
import org.godshell.toaster.users.UserStore;

/** A small toaster in a temp directory: users with mail, a queue, a wiki repository, keys, plugin state. */
final class Fixture {

    static final String DOMAIN = "example.org";

    private Fixture() {
    }

    static Path toaster(Path prefix) throws Exception {
        Files.createDirectories(prefix.resolve("control/acme"));
        Files.writeString(prefix.resolve("control/me"), "mail.example.org\n");
        Files.writeString(prefix.resolve("control/rcpthosts"), DOMAIN + "\n");
        Files.writeString(prefix.resolve("control/acme/servercert.pem"), "-----BEGIN PRIVATE KEY-----\nMIIB\n");
        Files.createSymbolicLink(prefix.resolve("control/servercert.pem"), Path.of("acme", "servercert.pem"));
        UserStore users = UserStore.open(prefix);
        users.addDomain(DOMAIN);
        users.addUser("alice@" + DOMAIN, "alice secret".toCharArray());
        users.addUser("bob@" + DOMAIN, "bob secret".toCharArray());
        for (int i = 0; i < 3; i++) {
            deliver(prefix, "alice", "Subject: hello " + i + "\r\n\r\nbody " + i + "\r\n");
        }
        String seen = deliver(prefix, "bob", "Subject: seen\r\n\r\nread already\r\n");
        Path bob = maildir(prefix, "bob");
        Files.move(bob.resolve("new").resolve(seen), bob.resolve("cur").resolve(seen + ":2,S"));
        Files.writeString(bob.resolve("tmp").resolve("half-written"), "unfinished");
        Files.createDirectories(prefix.resolve("var/greylist"));
        Files.writeString(prefix.resolve("var/greylist/known"), "192.0.2.1 a@b c@d\n");
        try (Queue queue = Queue.open(prefix.resolve("queue"))) {
            queue(queue, "Subject: queued\r\n\r\nwaiting\r\n");
        }
        Files.createDirectories(prefix.resolve("queue/info"));
        Files.createFile(prefix.resolve("queue/lock"));              // made by the delivery runner at its start
        wiki(prefix.resolve("wiki/wiki.git"), "Home.md", "# Home\n");
        Files.createDirectories(prefix.resolve("wiki/site"));
        Files.writeString(prefix.resolve("wiki/site/index.html"), "generated");
        return prefix;
    }

    static Path maildir(Path prefix, String user) {
        return prefix.resolve("domains").resolve(DOMAIN).resolve(user).resolve("Maildir");
    }

    static String deliver(Path prefix, String user, String message) throws IOException {
        return new Maildir().deliver(maildir(prefix, user), "", "",
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
    }

    static String queue(Queue queue, String message) throws IOException {
        try (Intake intake = queue.begin(new Envelope("a@example.net", List.of("alice@" + DOMAIN), "helo.example",
                "192.0.2.7", null, Instant.parse("2026-01-01T00:00:00Z")))) {
            intake.body().write(message.getBytes(StandardCharsets.US_ASCII));
            return intake.commit().toString();
        }
    }

    /** Commits {@code name} to the bare repository {@code bare} (made when missing) through a scratch clone. */
    static void wiki(Path bare, String name, String text) throws Exception {
        if (!Files.exists(bare)) {
            try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
                // JGit's receive-pack runs an automatic gc in the background after a push; its gc.log.lock
                // coming and going would race the tests' walks of the tree (a file listed, then gone)
                StoredConfig config = git.getRepository().getConfig();
                config.setBoolean("receive", null, "autogc", false);
                config.setInt("gc", null, "auto", 0);
                config.save();
            }
        }
        Path work = Files.createTempDirectory("wiki-work");
        try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
            Files.writeString(work.resolve(name), text);
            git.add().addFilepattern(name).call();
            git.commit().setMessage("edit " + name).setAuthor("Ed", "ed@example.org").setCommitter("Ed", "ed@example.org")
                    .setSign(false).call();
            git.push().setRemote("origin").add("HEAD:refs/heads/main").call();
            git.tag().setName("v" + System.nanoTime()).setSigned(false).setAnnotated(false).call();
            git.push().setPushTags().call();
        }
        Trees.delete(work);
    }

    /** Every ref of a repository and what it points at. */
    static Map<String, String> refs(Path bare) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
            Map<String, String> refs = new TreeMap<>();
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                refs.put(ref.getName(), ref.isSymbolic() ? "-> " + ref.getTarget().getName() : ref.getObjectId().name());
            }
            return refs;
        }
    }

    /** Every regular file under {@code dir}, by relative path, with its content. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    static Backup backup(Path prefix) {
        return new Backup(prefix, Clock.systemUTC(), Limits.DEFAULT, QueueCapture.snapshot(Handover.KEEP), Handover.KEEP);
    }

    static Restore restore(Path prefix) {
        return new Restore(prefix, Opener.PLAIN, Limits.DEFAULT, Clock.systemUTC());
    }

    static InputStream open(Path archive) throws IOException {
        return Opener.PLAIN.open(archive);
    }
}
