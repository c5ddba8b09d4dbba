package org.godshell.toaster.hostcheck;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

/**
 * DNS questions through the JDK's own resolver (JNDI's DNS provider, the host's nameservers), one second per try
 * and one retry: the preflight must never hang on a host whose DNS is broken.
 */
public interface DnsLookup {

    /** The records of one type (A, MX, PTR) of a name, as text; empty when there are none. */
    List<String> records(String name, String type) throws NamingException;

    /** The lookup used on a real host. */
    static DnsLookup system() {
        return (name, type) -> {
            Hashtable<String, String> environment = new Hashtable<>();
            environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
            environment.put("com.sun.jndi.dns.timeout.initial", "1000");
            environment.put("com.sun.jndi.dns.timeout.retries", "1");
            InitialDirContext context = new InitialDirContext(environment);
            try {
                Attributes attributes = context.getAttributes("dns:/" + name, new String[] {type});
                Attribute attribute = attributes.get(type);
                List<String> values = new ArrayList<>();
                if (attribute != null) {
                    NamingEnumeration<?> all = attribute.getAll();
                    while (all.hasMore()) {
                        values.add(String.valueOf(all.next()));
                    }
                }
                return values;
            } catch (javax.naming.NameNotFoundException e) {
                return List.of();
            } finally {
                context.close();
            }
        };
    }
}
