package org.godshell.toaster.qmailimport.maildir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders an IMAP user subscribed to. Dovecot reads {@code subscriptions} at the Maildir's top (its
 * subscription-file.c; a file without the {@code V\t2} header lists one name per line, levels separated by the
 * Maildir++ dot), and never Courier's {@code courierimapsubscribed}, whose lines carry Courier's {@code INBOX.}
 * namespace prefix: {@code INBOX.Lists.Work} becomes {@code Lists.Work}, as in courier-dovecot-migrate.pl.
 */
final class Subscriptions {

    static final String DOVECOT = "subscriptions";
    static final String COURIER = "courierimapsubscribed";
    static final int MAX_BYTES = 1024 * 1024;

    private Subscriptions() {
    }

    /** Courier's list as Dovecot's: {@code INBOX} stays, {@code INBOX.X} becomes {@code X}, others are left out. */
    static Converted fromCourier(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        StringBuilder out = new StringBuilder();
        List<String> leftOut = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            String name;
            if (line.equalsIgnoreCase("INBOX")) {
                name = "INBOX";
            } else if (line.regionMatches(true, 0, "INBOX.", 0, 6)) {
                name = line.substring(6);
            } else {
                leftOut.add("courierimapsubscribed line " + (i + 1) + " is outside INBOX (a shared folder?): "
                        + "left out");
                continue;
            }
            if (MaildirNames.folderProblem("." + name).isPresent() && !name.equals("INBOX")) {
                leftOut.add("courierimapsubscribed line " + (i + 1) + " names no folder: left out");
                continue;
            }
            out.append(name).append('\n');
        }
        return new Converted.Done(out.toString().getBytes(StandardCharsets.UTF_8), leftOut);
    }
}
