package org.godshell.toaster.hostcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * The listening sockets in the text of {@code /proc/net/tcp} or {@code /proc/net/tcp6} (proc(5)): one line per
 * socket, {@code sl local_address rem_address st ... uid timeout inode}, addresses as hex {@code ADDR:PORT},
 * state {@code 0A} = LISTEN. Lines that do not have that shape are skipped, never guessed at.
 */
public final class ProcNetTcp {

    /** A socket in LISTEN state: its local port, its owner's uid, and the inode that names it in /proc/PID/fd. */
    public record Listening(int port, int uid, long inode) {}

    private static final String LISTEN = "0A";
    private static final int MAX_LINES = 1_000_000;

    private ProcNetTcp() {
    }

    public static List<Listening> parse(String text) {
        List<Listening> sockets = new ArrayList<>();
        int count = 0;
        for (String line : text.split("\n")) {
            if (++count > MAX_LINES) {
                break;
            }
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 10 || !fields[0].endsWith(":") || !LISTEN.equals(fields[3])) {
                continue;
            }
            int colon = fields[1].lastIndexOf(':');
            if (colon < 0 || fields[1].length() - colon != 5) {
                continue;
            }
            try {
                int port = Integer.parseInt(fields[1].substring(colon + 1), 16);
                int uid = Integer.parseInt(fields[7]);
                long inode = Long.parseLong(fields[9]);
                sockets.add(new Listening(port, uid, inode));
            } catch (NumberFormatException e) {
                continue;                                            // not a socket line: skip it, do not guess
            }
        }
        return sockets;
    }
}
