package org.godshell.toaster.users;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One domain's {@code passwd} in Dovecot's passwd-file format,
 * {@code user:password:uid:gid:(gecos):home:(shell):extra_fields}, parsed strictly. A line the store cannot use
 * (wrong field count, a user that is not an address of this domain, a scheme other than SHA-crypt,
 * SCRAM-SHA-256 or CRAM-MD5, a second line for the same user) is a {@link Problem} with its {@code file:line}; it counts as
 * absent for logins, so one bad line never locks out the other users, and {@code toaster user list} shows it.
 *
 * <p>Lines are kept as written ({@link #lines}) so that an edit rewrites only the line it is about and leaves
 * comments, extra fields and even broken lines for the admin to fix.
 *
 * @param lines    every line of the file, as text, without line ends
 * @param users     the usable entries by lowercase address, in file order
 * @param mailboxes every address that has a mailbox for delivery, in file order: the first field of each line
 *                  that is a lowercase address of this domain, whatever the rest of the line holds (a user whose
 *                  password line is unusable cannot log in but still gets mail; chkuser reads the file the same way)
 * @param problems  the unusable lines
 */
record PasswdFile(List<String> lines, Map<String, Entry> users, Set<String> mailboxes, List<Problem> problems) {

    /**
     * Seven fields as the toaster writes them; Dovecot's optional eighth, extra_fields, is accepted too and is
     * the rest of the line, colons included ({@code userdb_quota_rule=*:storage=1G}).
     */
    private static final int FIELDS = 7;

    /**
     * A usable line: the user, its password field ({@code {SCHEME}hash}), its 1-based line number, and
     * Dovecot's extra fields (the eighth field, empty when absent), kept through password changes.
     */
    record Entry(Address address, String password, int line, String extra) {
    }

    /** A line that cannot be used, with the reason and the fix. */
    record Problem(Path file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    PasswdFile {
        lines = List.copyOf(lines);
        users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
        mailboxes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(mailboxes));
        problems = List.copyOf(problems);
    }

    static PasswdFile empty() {
        return new PasswdFile(List.of(), Map.of(), Set.of(), List.of());
    }

    /** Parses a domain's file; never throws for content, only reports problems. */
    static PasswdFile parse(Path file, String domain, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        Map<String, Entry> users = new LinkedHashMap<>();
        Set<String> mailboxes = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String user = line.substring(0, Math.max(line.indexOf(':'), 0));
            Optional<Address> mailbox = Address.parse(user);
            if (mailbox.isPresent() && mailbox.get().toString().equals(user) && mailbox.get().domain().equals(domain)) {
                mailboxes.add(user);
            }
            Optional<String> problem = check(line, domain);
            if (problem.isPresent()) {
                problems.add(new Problem(file, i + 1, problem.get()));
                continue;
            }
            String[] fields = line.split(":", FIELDS + 1);
            Address address = Address.parse(fields[0]).orElseThrow();
            Entry earlier = users.get(address.toString());
            if (earlier != null) {
                problems.add(new Problem(file, i + 1, address + " is already on line " + earlier.line()
                        + "; Dovecot uses the first line only: remove this one"));
                continue;
            }
            users.put(address.toString(), new Entry(address, fields[1], i + 1, fields.length > FIELDS ? fields[FIELDS]
                    : ""));
        }
        return new PasswdFile(lines, users, mailboxes, problems);
    }

    private static Optional<String> check(String line, String domain) {
        if (line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0 || line.indexOf('\uFFFD') >= 0) {
            return Optional.of("contains a carriage return, a NUL or bytes that are not UTF-8: rewrite the line");
        }
        String[] fields = line.split(":", FIELDS + 1);
        if (fields.length != FIELDS && fields.length != FIELDS + 1) {
            return Optional.of("has " + fields.length + " fields; a passwd-file line has 7 or 8:"
                    + " user@domain:{SHA512-CRYPT}hash:uid:gid:gecos:home:shell[:extra_fields]");
        }
        Optional<Address> address = Address.parse(fields[0]);
        if (address.isEmpty() || !address.get().toString().equals(fields[0])) {
            return Optional.of("\"" + Address.printable(fields[0]) + "\" is not a lowercase user@" + domain
                    + " address the toaster can serve");
        }
        if (!address.get().domain().equals(domain)) {
            return Optional.of(fields[0] + " belongs to another domain than " + domain + ": move it to its own file");
        }
        return PasswordHash.problem(fields[1]);
    }

    /** The same line with Dovecot's extra fields in its eighth field. */
    static String line(Address address, String password, Path home, String extra) throws UserStoreException {
        if (extra.indexOf('\n') >= 0 || extra.indexOf('\r') >= 0 || extra.indexOf('\0') >= 0) {
            throw new UserStoreException("extra fields cannot hold a line break or a NUL");
        }
        return line(address, password, home) + extra;
    }

    /** A new user's line with a full name (gecos) and Dovecot's extra fields. */
    static String line(Address address, String password, Path home, String gecos, String extra)
            throws UserStoreException {
        line(address, password, home, extra);
        return address + ":" + password + ":::" + gecos + ":" + home + "::" + extra;
    }

    /**
     * The line the toaster writes for a user: empty uid and gid, which Dovecot takes from its configuration, and
     * an empty eighth field (extra fields).
     */
    static String line(Address address, String password, Path home) throws UserStoreException {
        String text = home.toString();
        if (text.indexOf(':') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new UserStoreException("the home directory " + Address.printable(text) + " contains a colon or a"
                    + " line break, which a passwd-file line cannot hold: install the toaster under another path");
        }
        return address + ":" + password + ":::" + ":" + home + "::";
    }

    /** The file's text with the line for {@code address} replaced by {@code replacement} (or added, or dropped). */
    String with(Address address, Optional<String> replacement) {
        List<String> out = new ArrayList<>(lines);
        Entry entry = users.get(address.toString());
        if (entry != null && replacement.isPresent()) {
            out.set(entry.line() - 1, replacement.get());
        } else if (entry != null) {
            out.remove(entry.line() - 1);
        } else {
            replacement.ifPresent(out::add);
        }
        StringBuilder text = new StringBuilder();
        out.forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }
}
