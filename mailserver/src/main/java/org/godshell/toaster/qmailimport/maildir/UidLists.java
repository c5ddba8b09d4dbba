package org.godshell.toaster.qmailimport.maildir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IMAP UID list of one Maildir folder, which keeps clients from downloading everything again: Dovecot's own
 * {@code dovecot-uidlist} is carried as it is; Courier-IMAP's {@code courierimapuiddb}, which Dovecot never opens
 * under that name (its maildir-uidlist.c reads only {@code dovecot-uidlist}), becomes a {@code dovecot-uidlist}.
 * Courier's format is Dovecot's version 1 ({@code 1 UIDVALIDITY NEXTUID}, then {@code UID NAME} lines: the
 * comment at the top of maildir-uidlist.c); it is written as version 3 ({@code 3 V.. N..}, {@code UID :NAME}), as
 * Dovecot's courier-dovecot-migrate.pl does, so that Dovecot upgrades nothing in place.
 */
final class UidLists {

    static final String DOVECOT = "dovecot-uidlist";
    static final String COURIER = "courierimapuiddb";
    /** A million messages take about 60 MB; anything larger is not a UID list. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    /** IMAP UIDs and UIDVALIDITY are non-zero 32-bit unsigned numbers (RFC 9051 §2.3.1.1). */
    static final long MAX_UID = 0xffffffffL;
    private static final Pattern COURIER_HEADER = Pattern.compile("1 ([0-9]{1,10}) ([0-9]{1,10})");
    private static final Pattern COURIER_LINE = Pattern.compile("([0-9]{1,10}) (\\S+)");

    private UidLists() {
    }

    /** Why Dovecot's own list cannot be carried as it is, or null: its header names version 1 or 3. */
    static String dovecotProblem(byte[] content) {
        if (content.length < 2 || (content[0] != '1' && content[0] != '3') || content[1] != ' ') {
            return "dovecot-uidlist has no version 1 or 3 header: not carried (IMAP clients will download this "
                    + "folder again)";
        }
        return null;
    }

    /** Courier's {@code courierimapuiddb} as a version 3 {@code dovecot-uidlist}. */
    static Converted fromCourier(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        Matcher header = COURIER_HEADER.matcher(lines[0]);
        if (!header.matches()) {
            return new Converted.Refused("courierimapuiddb has no '1 UIDVALIDITY NEXTUID' header: not carried "
                    + "(IMAP clients will download this folder again)");
        }
        long validity = Long.parseLong(header.group(1));
        long next = Long.parseLong(header.group(2));
        if (validity == 0 || validity > MAX_UID || next == 0 || next > MAX_UID) {
            return new Converted.Refused("courierimapuiddb's UIDVALIDITY or next UID is out of range: not carried");
        }
        StringBuilder body = new StringBuilder();
        List<String> leftOut = new ArrayList<>();
        long last = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            Matcher line = COURIER_LINE.matcher(lines[i]);
            if (!line.matches()) {
                leftOut.add("courierimapuiddb line " + (i + 1) + " is not 'UID NAME': left out");
                continue;
            }
            long uid = Long.parseLong(line.group(1));
            String name = MaildirNames.base(line.group(2));
            if (uid <= last || uid >= MAX_UID) {
                // Dovecot refuses a whole list whose UIDs do not rise (maildir-uidlist.c, "UIDs not ordered").
                leftOut.add("courierimapuiddb line " + (i + 1) + " has a UID out of order: left out");
                continue;
            }
            if (MaildirNames.messageProblem(name).isPresent()) {
                leftOut.add("courierimapuiddb line " + (i + 1) + " names no message file: left out");
                continue;
            }
            body.append(uid).append(" :").append(name).append('\n');
            last = uid;
        }
        next = Math.max(next, last + 1);                       // at most MAX_UID: every uid kept is below it
        byte[] bytes = ("3 V" + validity + " N" + next + "\n" + body).getBytes(StandardCharsets.UTF_8);
        return new Converted.Done(bytes, leftOut);
    }
}
