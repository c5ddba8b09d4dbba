package org.godshell.toaster.logline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** What a log line says, before a {@link LogFormat} writes it. */
public sealed interface Line {

    /**
     * A line a tool reads: an event word or words of our own ({@code tx}, {@code auth failed}), then its fields in
     * order. Text writes {@code event name=value ...}; JSON the event as {@code "event"} and each field as a member.
     */
    record Event(String event, List<Field> fields) implements Line {

        private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9]*( [a-z][a-z0-9]*){0,3}");

        public Event {
            if (!EVENT.matcher(event).matches()) {
                throw new IllegalArgumentException("not an event name: " + event);
            }
            fields = List.copyOf(fields);
            if (fields.stream().map(Field::name).distinct().count() != fields.size()) {
                throw new IllegalArgumentException("a field twice in " + event + ": " + fields);
            }
        }

        public static Event of(String event) {
            return new Event(event, List.of());
        }

        /** This event with one more field, after the others. */
        public Event with(Field field) {
            List<Field> more = new ArrayList<>(fields);
            more.add(Objects.requireNonNull(field, "field"));
            return new Event(event, more);
        }

        public Event with(String name, String value) {
            return with(Field.of(name, value));
        }
    }

    /** A sentence for people (a warning, a delivery's outcome); JSON gives it as {@code "event":"message"}. */
    record Message(String text) implements Line {

        public Message {
            Objects.requireNonNull(text, "text");
        }
    }
}
