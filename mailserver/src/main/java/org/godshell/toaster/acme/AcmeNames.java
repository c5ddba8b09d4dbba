package org.godshell.toaster.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.dns.Answer;
import org.godshell.toaster.dns.Dns;
import org.godshell.toaster.users.UserStore;
import org.godshell.toaster.users.UserStoreException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The names {@code toaster cert acme} orders a certificate for: the host name, and for each of the toaster's
 * domains {@code mta-sts.DOMAIN} and {@code autoconfig.DOMAIN} (the names the wiki's server answers for them)
 * when their A and AAAA records point only at the host name's addresses. A name that points elsewhere or
 * nowhere would fail its HTTP-01 challenge and the whole order with it, so it is left out, and said why.
 *
 * @param names   to order, the host name first
 * @param leftOut the names not ordered, each with the reason
 */
public record AcmeNames(List<String> names, List<String> leftOut) {

    static final List<String> SERVICE_LABELS = List.of("mta-sts", "autoconfig");
    static final Duration LOOKUP = Duration.ofSeconds(5);

    public AcmeNames {
        names = List.copyOf(names);
        leftOut = List.copyOf(leftOut);
    }

    /**
     * For the install in {@code prefix}: its {@code control/me}, and its domains (virtual domains that rcpthosts
     * accepts, or every domain of a shared user database), asked through {@code control/dnsservers}.
     */
    public static AcmeNames of(Path prefix) throws ConfigException, IOException {
        Controls controls = Controls.once(prefix.resolve("control"));
        Set<String> rcpthosts = SmtpConfig.rcpthosts(controls);
        List<String> domains;
        try (UserStore users = UserStore.open(prefix)) {
            // A shared database's domains are every host's, rcpthosts or not.
            boolean shared = !users.inFiles();
            domains = users.domains().stream().filter(domain -> shared || SmtpConfig.accepts(rcpthosts, domain))
                    .toList();
        } catch (UserStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        return choose(controls.get(ControlFiles.ME), domains, Dns.of(controls.get(ControlFiles.DNSSERVERS)));
    }

    public static AcmeNames choose(String host, Collection<String> domains, Dns dns) {
        List<String> names = new ArrayList<>(List.of(host.toLowerCase(Locale.ROOT)));
        List<String> leftOut = new ArrayList<>();
        Set<InetAddress> here = addresses(dns, host);
        for (String domain : domains) {
            for (String label : SERVICE_LABELS) {
                String name = label + "." + domain.toLowerCase(Locale.ROOT);
                Set<InetAddress> there = addresses(dns, name);
                if (names.contains(name)) {
                    continue;
                }
                if (!here.isEmpty() && !there.isEmpty() && here.containsAll(there)) {
                    names.add(name);
                } else {
                    leftOut.add(name + (there.isEmpty() ? " (no A or AAAA record)" : " (points at "
                            + describe(there) + ", not at " + host + "'s " + describe(here) + ")"));
                }
            }
        }
        return new AcmeNames(names, leftOut);
    }

    private static Set<InetAddress> addresses(Dns dns, String name) {
        Set<InetAddress> found = new LinkedHashSet<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            if (dns.query(name, type, LOOKUP) instanceof Answer.Data data) {
                for (Record record : data.records()) {
                    switch (record) {
                        case ARecord a -> found.add(a.getAddress());
                        case AAAARecord aaaa -> found.add(aaaa.getAddress());
                        default -> { }
                    }
                }
            }
        }
        return found;
    }

    private static String describe(Set<InetAddress> addresses) {
        return addresses.isEmpty() ? "no address" : String.join(" ", addresses.stream()
                .map(InetAddress::getHostAddress).toList());
    }
}
