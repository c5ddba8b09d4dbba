package org.godshell.toaster.dane;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The DNS names a server certificate is for, matched against reference identifiers as RFC 7672 §3.2.3 asks of a
 * DANE-TA chain: the subjectAltName dNSName entries, or, when it has none, the subject's CN (RFC 6125 §6.4.4); a
 * wildcard only as the whole leftmost label, standing for exactly one label.
 */
final class PeerNames {

    private static final int DNS_NAME = 2;

    private PeerNames() {
    }

    /** Whether {@code leaf} is for one of {@code references} (lower case, no final dot). */
    static boolean match(X509Certificate leaf, List<String> references) {
        for (String presented : names(leaf)) {
            for (String reference : references) {
                if (matches(presented, reference)) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() >= 2 && Integer.valueOf(DNS_NAME).equals(entry.get(0))
                            && entry.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names.isEmpty()) {
            names.addAll(commonNames(leaf));
        }
        return names;
    }

    static boolean matches(String presented, String reference) {
        String name = presented.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.startsWith("*.")) {
            int dot = reference.indexOf('.');
            String parent = name.substring(2);
            return dot > 0 && parent.contains(".") && reference.substring(dot + 1).equals(parent);
        }
        return !name.contains("*") && name.equals(reference);
    }

    private static List<String> commonNames(X509Certificate leaf) {
        try {
            List<String> names = new ArrayList<>();
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
                    names.add(cn);
                }
            }
            return names;
        } catch (InvalidNameException e) {
            return List.of();
        }
    }
}
