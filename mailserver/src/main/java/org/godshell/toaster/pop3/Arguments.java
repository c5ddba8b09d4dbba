package org.godshell.toaster.pop3;

import java.util.Optional;

/**
 * The arguments of the mail commands (RFC 1939 §3: keywords and arguments separated by one space, each
 * argument at most 40 characters). A message number is decimal digits and nothing else: {@code -1},
 * {@code +1}, {@code 1.0}, {@code 0x1} and {@code abc} are not numbers; {@code 0} and numbers past the
 * listing, however large, are numbers of no message.
 */
final class Arguments {

    /** RFC 1939 §3. */
    static final int MAX_ARGUMENT = 40;

    /** The message a command names, or the reply that refuses it. */
    sealed interface Pick {
        record Found(Maildrop.Message message) implements Pick {}

        record Refused(Reply reply) implements Pick {}
    }

    private Arguments() {}

    /** A whole decimal number; past {@link Long#MAX_VALUE} it is {@link Long#MAX_VALUE}; empty when not digits. */
    static Optional<Long> number(String text) {
        if (text.isEmpty() || text.length() > MAX_ARGUMENT) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        return Optional.of(digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits));
    }

    /** {@code text} as the number of a message of the listing that is not marked deleted (RFC 1939 §5). */
    static Pick message(Maildrop drop, String text) {
        Optional<Long> number = number(text);
        if (number.isEmpty()) {
            return new Pick.Refused(Replies.BAD_NUMBER);
        }
        Optional<Maildrop.Message> message = drop.message(number.get());
        if (message.isEmpty()) {
            return new Pick.Refused(Replies.NO_SUCH_MESSAGE);
        }
        if (drop.deleted(message.get())) {
            return new Pick.Refused(Replies.ALREADY_DELETED);
        }
        return new Pick.Found(message.get());
    }
}
