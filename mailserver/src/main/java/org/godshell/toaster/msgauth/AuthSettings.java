package org.godshell.toaster.msgauth;

import java.util.Objects;
import java.util.Set;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.DmarcPolicy;
import org.godshell.toaster.config.Reads;
import org.godshell.toaster.dmarc.PublicSuffixList;
import org.godshell.toaster.dmarc.PublicSuffixes;
import org.godshell.toaster.dns.Dns;

/**
 * The control files the message checks read, made again when one changes ({@link org.godshell.toaster.config.Live}).
 *
 * @param me       our authserv-id in Authentication-Results: {@code control/me}
 * @param dns      the resolver of {@code control/dnsservers}
 * @param suffixes the Public Suffix List ({@code control/publicsuffixlist}, else the shipped one)
 * @param policy   {@code control/dmarcpolicy}
 * @param sealers  {@code control/arcsealers}: domains whose passing ARC chain overrides a DMARC failure
 */
public record AuthSettings(String me, Dns dns, PublicSuffixList suffixes, DmarcPolicy policy, Set<String> sealers) {

    public AuthSettings {
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(suffixes, "suffixes");
        Objects.requireNonNull(policy, "policy");
        sealers = Set.copyOf(sealers);
    }

    public static AuthSettings make(Reads r) throws ConfigException {
        return new AuthSettings(r.get(ControlFiles.ME), Dns.of(r.get(ControlFiles.DNSSERVERS)),
                r.get(PublicSuffixes.KEY), r.get(ControlFiles.DMARCPOLICY), r.get(ControlFiles.ARCSEALERS));
    }
}
