package org.godshell.toaster.qmailimport.oldhost;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.qmailimport.Delivery;
import org.godshell.toaster.qmailimport.DotQmail;
import org.godshell.toaster.qmailimport.DotQmailName;
import org.godshell.toaster.qmailimport.ImportRefusedException;
import org.godshell.toaster.qmailimport.ValiasDump;
import org.godshell.toaster.qmailimport.Vpasswd;
import org.godshell.toaster.qmailimport.VpasswdEntry;

/** One vpopmail domain directory: its vpasswd, its {@code .qmail-*} files and its valias entries. */
final class DomainReader {

    private final OldFiles files;

    DomainReader(OldFiles files) {
        this.files = files;
    }

    OldDomain read(String name, Path dir, List<ValiasDump.Entry> valias) {
        Path vpasswdFile = dir.resolve("vpasswd");
        List<VpasswdEntry> users = new ArrayList<>();
        Optional<byte[]> vpasswd = files.read(vpasswdFile);
        if (vpasswd.isEmpty() && !Files.exists(vpasswdFile, LinkOption.NOFOLLOW_LINKS)) {
            files.skip(vpasswdFile.toString(), "no vpasswd: the domain is created without users (a MySQL backend"
                    + " needs a vpasswd dump, see the wiki page Moving from a qmail toaster)");
        }
        if (vpasswd.isPresent()) {
            try {
                Vpasswd parsed = Vpasswd.parse(vpasswd.get(), dir);
                files.problems(vpasswdFile, parsed.problems());
                for (VpasswdEntry user : parsed.entries()) {
                    Path maildir = dir.resolve(user.dir()).resolve("Maildir");
                    if (files.plainDirectory(dir, maildir)) {
                        users.add(user);
                    } else {
                        files.skip(vpasswdFile + ":" + user.line(), "user " + user.name() + ": " + maildir
                                + " is not a directory (or is reached through a symbolic link): not imported");
                    }
                }
            } catch (ImportRefusedException e) {
                files.skip(vpasswdFile.toString(), e.getMessage());
            }
        }
        Map<String, List<Delivery>> aliases = new LinkedHashMap<>();
        Optional<Delivery.CatchAllAction> catchAll = Optional.empty();
        for (Path entry : files.list(dir)) {
            String fileName = entry.getFileName().toString();
            if (!fileName.startsWith(".qmail-")) {
                continue;
            }
            DotQmailName meaning = DotQmailName.of(fileName);
            if (meaning instanceof DotQmailName.NotImported(String reason)) {
                files.skip(entry.toString(), reason);
                continue;
            }
            Optional<DotQmail> parsed = parse(entry, dir);
            if (parsed.isEmpty()) {
                continue;
            }
            if (meaning instanceof DotQmailName.LocalPart(String local)) {
                aliases.computeIfAbsent(local, l -> new ArrayList<>()).addAll(parsed.get().deliveries());
            } else {
                catchAll = catchAll(entry, parsed.get());
            }
        }
        for (ValiasDump.Entry line : valias) {
            try {
                DotQmail parsed = DotQmail.parse(line.target().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        dir, Path.of(""));
                parsed.problems().forEach(p -> files.skip("valias " + line.local() + "@" + name + " (dump line "
                        + line.line() + ")", p.reason()));
                aliases.computeIfAbsent(line.local(), l -> new ArrayList<>()).addAll(parsed.deliveries());
            } catch (ImportRefusedException e) {
                files.skip("valias " + line.local() + "@" + name, e.getMessage());
            }
        }
        return new OldDomain(name, dir, users, aliases, catchAll);
    }

    private Optional<DotQmail> parse(Path file, Path dir) {
        Optional<byte[]> bytes = files.read(file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            DotQmail parsed = DotQmail.parse(bytes.get(), dir, Path.of(""));
            files.problems(file, parsed.problems());
            return Optional.of(parsed);
        } catch (ImportRefusedException e) {
            files.skip(file.toString(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The vdelivermail line of {@code .qmail-default}; anything else in it is reported. */
    private Optional<Delivery.CatchAllAction> catchAll(Path file, DotQmail parsed) {
        Optional<Delivery.CatchAllAction> action = Optional.empty();
        for (Delivery delivery : parsed.deliveries()) {
            if (delivery instanceof Delivery.Vdelivermail(Delivery.CatchAllAction chosen) && action.isEmpty()) {
                action = Optional.of(chosen);
            } else {
                files.skip(file.toString(), "only one vdelivermail line of .qmail-default is imported (as the"
                        + " catch-all); this file has another delivery: " + describe(delivery));
            }
        }
        return action;
    }

    static String describe(Delivery delivery) {
        return switch (delivery) {
            case Delivery.Forward(String address) -> "forward to " + address;
            case Delivery.Maildir(Path relative) -> "Maildir " + relative;
            case Delivery.Vdelivermail(Delivery.CatchAllAction action) -> "vdelivermail " + action;
            case Delivery.NotImported(String what, String reason) -> what;
        };
    }
}
