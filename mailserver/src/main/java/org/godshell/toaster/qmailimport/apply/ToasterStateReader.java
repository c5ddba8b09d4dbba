package org.godshell.toaster.qmailimport.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.godshell.toaster.config.ControlFile;
import org.godshell.toaster.qmailimport.VpasswdEntry;
import org.godshell.toaster.qmailimport.oldhost.OldDomain;
import org.godshell.toaster.qmailimport.oldhost.OldToaster;
import org.godshell.toaster.qmailimport.plan.ToasterState;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;

/** Reads, and only reads, what the toaster at a prefix holds of what the old host has. */
public final class ToasterStateReader {

    private ToasterStateReader() {
    }

    public static ToasterState read(Path prefix, UserStore store, OldToaster old) throws IOException,
            UserStoreException {
        Set<String> domains = new HashSet<>(store.domains());
        Map<String, Boolean> users = new HashMap<>();
        Set<String> mailboxes = new HashSet<>();
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (String domain : domains) {
            mailboxes.addAll(store.users(domain).users());
            aliases.putAll(store.aliases(domain).aliases());
        }
        for (OldDomain domain : old.domains()) {
            for (VpasswdEntry user : domain.users()) {
                String address = user.name() + "@" + domain.name();
                if (mailboxes.contains(address) && user.hash() instanceof org.godshell.toaster.qmailimport.OldHash
                        .Supported hash) {
                    users.put(address, store.storedPasswordIs(address, hash.dovecotField()));
                } else if (mailboxes.contains(address)) {
                    users.put(address, false);
                }
            }
        }
        Path control = prefix.resolve("control");
        Map<String, byte[]> controlFiles = new HashMap<>();
        Set<String> names = new HashSet<>(old.controlFiles().keySet());
        names.addAll(old.pluginFiles().keySet());
        for (String name : names) {
            Path file = control.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                controlFiles.put(name, bounded(file));
            }
        }
        Path tcpSmtp = control.resolve("tcp.smtp");
        String rules = Files.exists(tcpSmtp, LinkOption.NOFOLLOW_LINKS)
                ? new String(bounded(tcpSmtp), java.nio.charset.StandardCharsets.UTF_8) : "";
        return new ToasterState(domains, users, mailboxes, aliases, controlFiles, rules);
    }

    private static byte[] bounded(Path file) throws IOException {
        if (Files.size(file) > ControlFile.MAX_BYTES) {
            throw new IOException(file + " is larger than " + ControlFile.MAX_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }
}
