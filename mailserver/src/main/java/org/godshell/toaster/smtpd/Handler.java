package org.godshell.toaster.smtpd;

/** Serves one verb: reads and changes the session's state, returns what the loop should do. Never does I/O. */
interface Handler {

    Step handle(SessionContext session, String argument);
}
