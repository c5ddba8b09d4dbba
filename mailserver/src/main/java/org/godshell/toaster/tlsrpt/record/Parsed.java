package org.godshell.toaster.tlsrpt.record;

/** What {@link RecordParser} made of one record's text. */
public sealed interface Parsed {

    record Valid(ReportingRecord record) implements Parsed {}

    /** Not a usable TLSRPT record; {@code why} is for the log and the dry run. */
    record Invalid(String why) implements Parsed {}
}
