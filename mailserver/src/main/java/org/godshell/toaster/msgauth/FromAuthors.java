package org.godshell.toaster.msgauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;
import org.godshell.toaster.dmarc.Authors;
import org.godshell.toaster.queue.HeaderBlock;

/**
 * The RFC5322.From of a message as DMARC judges it (RFC 7489 §6.6.1): every From field and the domain of each
 * mailbox in it, read with mime4j's RFC 5322 address-list parser (display names, comments, quoted strings and
 * groups), so that {@code "ceo@bank.example" <x@evil.example>} is {@code evil.example}. A field that does not
 * parse, or names no mailbox, counts with an empty domain, which DMARC cannot align: such a message never
 * passes.
 */
final class FromAuthors {

    /** Mailboxes read from all From fields together; DMARC looks at no more than a few. */
    static final int MAX_MAILBOXES = 20;

    private FromAuthors() {
    }

    static Authors of(HeaderBlock block) {
        int fields = 0;
        List<String> domains = new ArrayList<>();
        for (HeaderBlock.Field field : block.fields()) {
            if (!field.name().toLowerCase(Locale.ROOT).equals("from")) {
                continue;
            }
            fields++;
            List<String> found = domains(block.value(field));
            for (String domain : found.isEmpty() ? List.of("") : found) {
                if (domains.size() < MAX_MAILBOXES) {
                    domains.add(domain);
                }
            }
        }
        return new Authors(fields, domains);
    }

    /** The domain of every mailbox in one From value; empty when it does not parse or has none. */
    static List<String> domains(String value) {
        Optional<String> plain = PlainFrom.domain(value);
        return plain.isPresent() ? List.of(plain.get()) : parsed(value);
    }

    /** {@link #domains} as mime4j's RFC 5322 parser reads the value: for every value that is not plain. */
    static List<String> parsed(String value) {
        AddressList list;
        try {
            list = DefaultAddressParser.DEFAULT.parseAddressList(value);
        } catch (ParseException | RuntimeException e) {
            return List.of();
        }
        List<String> domains = new ArrayList<>();
        for (Address address : list) {
            switch (address) {
                case Mailbox mailbox -> domains.add(domain(mailbox));
                case Group group -> group.getMailboxes().forEach(mailbox -> domains.add(domain(mailbox)));
                default -> domains.add("");
            }
        }
        return domains;
    }

    private static String domain(Mailbox mailbox) {
        return mailbox.getDomain() == null ? "" : mailbox.getDomain();
    }
}
