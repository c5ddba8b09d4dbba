package org.godshell.toaster.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root writing into an install leaves each new file as the installer would: the service's under {@code
 * domains/}, {@code queue/} and for the secrets in {@code control/}, the admin's for the rest of {@code
 * control/}, untouched outside the layout.
 */
class OwnersTest {

    @TempDir
    Path temp;
    private Path root;

    @BeforeEach
    void asRoot() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "only root can give files away");
        root = Files.createDirectories(temp.resolve("toaster")).toRealPath();
        Files.createDirectories(root.resolve("control"));
        Files.createDirectories(root.resolve("domains/example.org"));
        Files.createDirectories(root.resolve("bin"));
    }

    @Test
    void eachNewFileGoesToTheAccountItsPlaceBelongsTo() throws Exception {
        Owners owners = new Owners(root, PermissionsTest.withService(root));
        AtomicFile.write(root.resolve("domains/example.org/passwd"), "ann@example.org:x\n", "rw-r-----",
                owners::handOver);
        AtomicFile.createDirectory(root.resolve("domains/example.org/ann"), "rwx------", owners::handOver);
        AtomicFile.write(root.resolve("control/servercert.pem"), "key\n", "rw-------", owners::handOver);
        AtomicFile.write(root.resolve("control/rcpthosts"), "example.org\n", "rw-r--r--", owners::handOver);
        AtomicFile.write(root.resolve("bin/helper"), "#!/bin/sh\n", "rwxr-xr-x", owners::handOver);

        assertEquals("nobody", owner("domains/example.org/passwd"));
        assertEquals("nobody", owner("domains/example.org/ann"));
        assertEquals("nobody", owner("control/servercert.pem"));
        assertEquals("root", owner("control/rcpthosts"));
        assertEquals("root", owner("bin/helper"), "outside the layout nothing is handed over");
        assertEquals(Optional.empty(), owners.accountFor(temp.resolve("elsewhere")));
        assertTrue(new Permissions(root, owners.accounts()).problems().stream().map(Permissions.Problem::path)
                .noneMatch(path -> path.equals(root.resolve("domains/example.org/passwd"))
                        || path.equals(root.resolve("domains/example.org/ann"))), "as the doctor wants them");
    }

    @Test
    void anUnprivilegedInstallIsHandedToWhoeverOwnsIt() throws Exception {
        Files.setOwner(root, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Owners owners = Owners.of(root);
        assertTrue(owners.accounts().single());
        AtomicFile.write(root.resolve("control/rcpthosts"), "example.org\n", "rw-r--r--", owners::handOver);
        assertEquals("nobody", owner("control/rcpthosts"));
    }

    private String owner(String relative) throws Exception {
        return Files.getOwner(root.resolve(relative), java.nio.file.LinkOption.NOFOLLOW_LINKS).getName();
    }
}
