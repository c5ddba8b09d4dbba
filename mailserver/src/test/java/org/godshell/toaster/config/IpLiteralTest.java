package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
        "::,                          ::",
        "::1,                         ::1",
        "1::,                         1::",
        "2001:DB8::1,                 2001:db8::1",
        "2001:db8:0:0:1:0:0:1,        2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1,        2001:db8:0:1:1:1:1:1",
        "0:0:1:0:0:0:1:0,             0:0:1::1:0",
        "::ffff:192.0.2.1,            ::ffff:c000:201",
        "fe80::1:2:3:4:5:6,           fe80:0:1:2:3:4:5:6",
        "1:2:3:4:5:6:7:8,             1:2:3:4:5:6:7:8",
    })
    void parsesAndPrintsIpv6(String in, String canonical) throws Exception {
        byte[] bytes = IpLiteral.ipv6(in).orElseThrow();
        byte[] jdk = InetAddress.getByName(in).getAddress();
        if (jdk.length == 16) {
            assertArrayEquals(jdk, bytes);
        }
        assertEquals(canonical, IpLiteral.text(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
        "12345::", "g::1", "::1%eth0", ":1::", "1::2:", "1.2.3.4::", "::1.2.3", "::256.1.1.1", " ::1", "localhost"})
    void refusesBadIpv6(String in) {
        assertTrue(IpLiteral.ipv6(in).isEmpty(), in);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-1", "a.b.c.d", "1.2.3.4 ",
        "1..2.3", "0x1.2.3.4"})
    void refusesBadIpv4(String in) {
        assertTrue(IpLiteral.ipv4(in).isEmpty(), in);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "192.0.2.1", "10.0.0.1"})
    void parsesAndPrintsIpv4(String in) {
        assertEquals(in, IpLiteral.text(IpLiteral.ipv4(in).orElseThrow()));
    }
}
