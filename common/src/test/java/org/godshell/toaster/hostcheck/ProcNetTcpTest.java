package org.godshell.toaster.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetTcpTest {

    /** Real lines of /proc/net/tcp and tcp6: listeners on 25 (uid 0) and 2525 (uid 1000), one established socket. */
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0
               1: 0100007F:09DD 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
               2: 0100007F:09DD 0100007F:D4C2 01 00000000:00000000 00:00000000 00000000  1000        0 4243 1 0000000000000000 20 4 30 10 -1
            """;
    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:03E3 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 777 1 0000000000000000 100 0 0 10 0
            """;

    @Test
    void listeningSocketsWithPortUidAndInode() {
        assertEquals(List.of(new ProcNetTcp.Listening(25, 0, 31337), new ProcNetTcp.Listening(2525, 1000, 4242)),
                ProcNetTcp.parse(TCP));
        assertEquals(List.of(new ProcNetTcp.Listening(995, 999, 777)), ProcNetTcp.parse(TCP6));
    }

    @Test
    void malformedLinesAreSkippedNeverGuessed() {
        String hostile = String.join("\n",
                "0: 00000000:0019 00000000:0000 0A",                                      // too few fields
                "0: 00000000:ZZZZ 00000000:0000 0A 0:0 0:0 0 0 0 1",                      // port not hex
                "0: 00000000:00190 00000000:0000 0A 0:0 0:0 0 0 0 1",                     // five hex digits
                "0: 00000000:0019 00000000:0000 0A 0:0 0:0 0 x 0 1",                      // uid not a number
                "0: 00000000:0019 00000000:0000 0A 0:0 0:0 0 0 0 99999999999999999999999", // inode overflows
                "x 00000000:0019 00000000:0000 0A 0:0 0:0 0 0 0 1",                       // no "sl:" field
                "\0\0\0", "", "   ");
        assertEquals(List.of(), ProcNetTcp.parse(hostile));
        assertEquals(List.of(), ProcNetTcp.parse("0: 00000000:0019 ".repeat(100_000)));
    }
}
