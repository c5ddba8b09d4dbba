package org.godshell.toaster.qmailimport.oldhost;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.qmailimport.Delivery;
import org.godshell.toaster.qmailimport.VpasswdEntry;

/**
 * One vpopmail domain as read.
 *
 * @param name     the domain name, lowercase
 * @param dir      its directory on the old host, absolute
 * @param users    the usable vpasswd lines
 * @param aliases  local part to its deliveries, from {@code .qmail-EXT} files and the valias dump, in file order
 * @param catchAll what {@code .qmail-default} does with mail for unknown users, when it has a vdelivermail line
 */
public record OldDomain(String name, Path dir, List<VpasswdEntry> users, Map<String, List<Delivery>> aliases,
        Optional<Delivery.CatchAllAction> catchAll) {

    public OldDomain {
        users = List.copyOf(users);
        Map<String, List<Delivery>> copy = new LinkedHashMap<>();
        aliases.forEach((local, deliveries) -> copy.put(local, List.copyOf(deliveries)));
        aliases = java.util.Collections.unmodifiableMap(copy);
    }

    /** The old Maildir of a user: {@code DIR/USERDIR/Maildir}. */
    public Path maildir(VpasswdEntry user) {
        return dir.resolve(user.dir()).resolve("Maildir");
    }
}
