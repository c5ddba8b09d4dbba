package org.godshell.toaster.qmailimport.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the toaster already holds, as far as the plan needs it to recognise a rerun and never overwrite.
 *
 * @param domains      the toaster's domains
 * @param users        every user of the toaster's domains that the old host also has, to whether its stored
 *                     password field is the old one (true: made by an earlier run)
 * @param mailboxes    every user address of the toaster's domains (an alias may not take one)
 * @param aliases      alias label ({@code name@domain}, {@code *@domain}) to its targets
 * @param controlFiles the content of the control files the plan may write, when they exist
 * @param tcpSmtp      {@code control/tcp.smtp} as it is (empty when missing)
 */
public record ToasterState(Set<String> domains, Map<String, Boolean> users, Set<String> mailboxes,
        Map<String, List<String>> aliases, Map<String, byte[]> controlFiles, String tcpSmtp) {

    public ToasterState {
        domains = Set.copyOf(domains);
        users = Map.copyOf(users);
        mailboxes = Set.copyOf(mailboxes);
        aliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        controlFiles = Map.copyOf(controlFiles);
    }

    /** A toaster with nothing yet (no domains, no users, no control files). */
    public static ToasterState empty() {
        return new ToasterState(Set.of(), Map.of(), Set.of(), Map.of(), Map.of(), "");
    }

    Optional<Boolean> user(String address) {
        return Optional.ofNullable(users.get(address));
    }
}
