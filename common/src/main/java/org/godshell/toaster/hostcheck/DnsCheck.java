package org.godshell.toaster.hostcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.NamingException;

/**
 * What the world's DNS says about this server: an A record for the host name, an MX for the domain naming it,
 * and a PTR for the address naming the host back (many receivers refuse mail from an address without one). Every
 * result is a warning at worst, and the whole check gives up after a few seconds.
 */
public final class DnsCheck {

    private static final long LIMIT_SECONDS = 4;

    private final DnsLookup dns;

    public DnsCheck(DnsLookup dns) {
        this.dns = dns;
    }

    public List<Finding> check(String hostName, String domain) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Finding>> future = executor.submit(() -> findings(hostName, domain));
            try {
                return future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return List.of(Finding.warn("DNS did not answer within " + LIMIT_SECONDS + " s; check later with: "
                        + "toaster doctor"));
            } catch (ExecutionException e) {
                return List.of(Finding.warn("DNS check failed: " + e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    private List<Finding> findings(String hostName, String domain) {
        List<Finding> findings = new ArrayList<>();
        List<String> addresses = ask(hostName, "A", findings);
        if (addresses.isEmpty()) {
            findings.add(Finding.warn("no A record for " + hostName + ": publish one with this server's address"));
        } else {
            findings.add(Finding.ok(hostName + " has the address " + String.join(", ", addresses)));
        }
        List<String> exchangers = ask(domain, "MX", findings).stream()
                .map(mx -> mx.substring(mx.indexOf(' ') + 1).toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).toList();
        if (exchangers.contains(hostName)) {
            findings.add(Finding.ok("the MX of " + domain + " is " + hostName));
        } else {
            findings.add(Finding.warn("the MX of " + domain + " is " + (exchangers.isEmpty() ? "missing"
                    : String.join(", ", exchangers)) + "; publish: " + domain + ". MX 10 " + hostName + "."));
        }
        for (String address : addresses.stream().filter(a -> a.matches("\\d{1,3}(\\.\\d{1,3}){3}")).toList()) {
            List<String> names = ask(reverse(address), "PTR", findings).stream()
                    .map(name -> name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).toList();
            if (names.contains(hostName)) {
                findings.add(Finding.ok("the PTR of " + address + " is " + hostName));
            } else {
                findings.add(Finding.warn("the PTR of " + address + " is " + (names.isEmpty() ? "missing"
                        : String.join(", ", names)) + "; ask your provider to set it to " + hostName
                        + " (receivers distrust mail from addresses without a matching name)"));
            }
        }
        return findings;
    }

    private List<String> ask(String name, String type, List<Finding> findings) {
        try {
            return dns.records(name, type);
        } catch (NamingException e) {
            findings.add(Finding.warn("DNS " + type + " " + name + ": " + e.getExplanation()));
            return List.of();
        }
    }

    /** The in-addr.arpa name of a dotted IPv4 address (RFC 1035 §3.5). */
    static String reverse(String address) {
        String[] parts = address.split("\\.");
        return parts[3] + "." + parts[2] + "." + parts[1] + "." + parts[0] + ".in-addr.arpa";
    }
}
