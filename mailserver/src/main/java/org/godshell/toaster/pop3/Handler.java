package org.godshell.toaster.pop3;

/** Serves one verb: reads and changes the session's state, returns what the loop should do. No socket I/O. */
interface Handler {

    Step handle(SessionContext session, String argument);
}
