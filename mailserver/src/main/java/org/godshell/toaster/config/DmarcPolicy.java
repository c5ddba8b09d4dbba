package org.godshell.toaster.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code control/dmarcpolicy}: what smtpd does with a message from outside whose DMARC check fails (RFC 7489
 * §6.7 leaves the choice to the receiver). The default is what the large mailbox providers do: a domain that
 * asks for {@code p=reject} gets its forgeries refused, one that asks for {@code p=quarantine} gets them filed
 * in Junk.
 */
public enum DmarcPolicy {
    /** Honour the domain's policy: reject → {@code 550 5.7.1}, quarantine → Junk; a DNS failure → {@code 451}. */
    ENFORCE,
    /** Never refuse: reject and quarantine both go to Junk; a DNS failure → {@code 451}. */
    JUNK,
    /** Only write the verdict into Authentication-Results; deliver to the inbox. */
    RECORD;

    /** The word of the control file: {@code enforce}, {@code junk} or {@code record}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DmarcPolicy parse(Path file, ControlFile.Line line) throws ConfigException {
        for (DmarcPolicy policy : values()) {
            if (policy.word().equals(line.text().strip())) {
                return policy;
            }
        }
        throw new ConfigException(file, line.number(), "\"" + line.text().strip() + "\" is not a DMARC policy: "
                + "write enforce, junk or record");
    }
}
