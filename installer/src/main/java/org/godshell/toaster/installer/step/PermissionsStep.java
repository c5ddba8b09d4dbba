package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who may read what: {@code queue/} and {@code var/} mode 0700, {@code domains/} 0750 with nothing under it
 * readable by others (the passwd files hold password hashes), {@code wiki/} 0750 (its push log names accounts),
 * {@code wiki/wiki.git/} and everything in it the service's (it writes pushes there, with the modes git gives
 * them: the content is public, and {@code wiki/} keeps others out anyway), {@code wiki/site.builds/} likewise
 * (the install builds the first site there, the service publishes each new one), {@code
 * control/servercert.pem} and {@code control/smarthostauth} 0600; in system mode all of these
 * belong to the {@value SystemUserStep#USER} user, everything else stays root's.
 *
 * <p>Owners and modes are changed without following symbolic links: a link planted in a Maildir must not turn a
 * chown into one of /etc/shadow.
 */
final class PermissionsStep implements Step {

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /**
     * One path and the state it must have; {@code tree}: everything under it too, with {@code othersOut}: and
     * nothing under it for others.
     */
    private record Rule(Path path, String directoryMode, boolean tree, boolean othersOut) {}

    private final StepContext context;

    PermissionsStep(StepContext context) {
        this.context = context;
    }

    private List<Rule> rules() {
        Path root = context.root();
        return List.of(new Rule(root.resolve("queue"), "rwx------", false, false),
                new Rule(root.resolve("var"), "rwx------", false, false),
                new Rule(root.resolve("wiki"), "rwxr-x---", false, false),
                new Rule(root.resolve("wiki/wiki.git"), "rwxr-x---", true, false),
                new Rule(root.resolve("wiki/site.builds"), "rwxr-x---", true, false),
                new Rule(root.resolve("domains"), "rwxr-x---", true, true),
                new Rule(root.resolve("control/servercert.pem"), null, false, false),
                new Rule(root.resolve("control/smarthostauth"), null, false, false));
    }

    @Override
    public String name() {
        return "permissions";
    }

    @Override
    public String describe() {
        return "permissions: queue/, var/ 0700, domains/ 0750 and nothing in it for others, servercert.pem 0600"
                + (context.settings().unprivileged() ? "" : ", owned by " + SystemUserStep.USER);
    }

    @Override
    public boolean isDone() throws IOException {
        Optional<UserPrincipal[]> owner;
        try {
            owner = owner();
        } catch (UserPrincipalNotFoundException e) {
            return false;                                          // the user comes with an earlier step
        }
        for (Rule rule : rules()) {
            if (rule.directoryMode() != null && !Files.isDirectory(rule.path(), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            for (Path path : paths(rule)) {
                if (!fine(path, rule, owner)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void apply() throws IOException, StepException {
        Optional<UserPrincipal[]> owner = owner();
        for (Rule rule : rules()) {
            if (rule.directoryMode() != null) {
                Files.createDirectories(rule.path());
            }
            for (Path path : paths(rule)) {
                if (fine(path, rule, owner)) {
                    continue;
                }
                PosixFileAttributeView view = view(path);
                if (owner.isPresent() && !Files.isSymbolicLink(path)) {
                    view.setOwner(owner.get()[0]);
                    view.setGroup((GroupPrincipal) owner.get()[1]);
                }
                if (!Files.isSymbolicLink(path)) {
                    view.setPermissions(wanted(path, rule, view.readAttributes()));
                }
            }
        }
    }

    /** The toaster user and group in system mode; empty in unprivileged mode (everything stays the installer's). */
    private Optional<UserPrincipal[]> owner() throws IOException {
        if (context.settings().unprivileged()) {
            return Optional.empty();
        }
        UserPrincipalLookupService lookup = context.root().getFileSystem().getUserPrincipalLookupService();
        return Optional.of(new UserPrincipal[] {lookup.lookupPrincipalByName(SystemUserStep.USER),
            lookup.lookupPrincipalByGroupName(SystemUserStep.USER)});
    }

    private static List<Path> paths(Rule rule) throws IOException {
        if (!Files.exists(rule.path(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!rule.tree()) {
            return List.of(rule.path());
        }
        try (Stream<Path> walk = Files.walk(rule.path())) {                // walk does not follow links
            return new ArrayList<>(walk.toList());
        }
    }

    private static boolean fine(Path path, Rule rule, Optional<UserPrincipal[]> owner) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return true;                                                   // never changed through, never followed
        }
        PosixFileAttributes attributes = view(path).readAttributes();
        if (owner.isPresent() && (!attributes.owner().equals(owner.get()[0])
                || !attributes.group().equals(owner.get()[1]))) {
            return false;
        }
        return attributes.permissions().equals(wanted(path, rule, attributes));
    }

    /**
     * The rule's mode for its own directory and single files; under a tree, the current mode, minus others' bits
     * where the rule keeps them out.
     */
    private static Set<PosixFilePermission> wanted(Path path, Rule rule, PosixFileAttributes attributes) {
        if (path.equals(rule.path())) {
            return java.nio.file.attribute.PosixFilePermissions.fromString(
                    rule.directoryMode() != null ? rule.directoryMode() : "rw-------");
        }
        Set<PosixFilePermission> mode = java.util.EnumSet.noneOf(PosixFilePermission.class);
        mode.addAll(attributes.permissions());
        if (rule.othersOut()) {
            mode.removeAll(OTHERS);
        }
        return mode;
    }

    private static PosixFileAttributeView view(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
