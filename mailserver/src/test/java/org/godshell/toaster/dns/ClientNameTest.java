package org.godshell.toaster.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client's name only when its PTR name leads back to its address (RFC 8601 §3, iprev). */
class ClientNameTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final FixtureDns fixture = fixture();

    private static FixtureDns fixture() {
        try {
            return new FixtureDns()
                    .ptr("192.0.2.1", "Mail.Example.NET.").a("mail.example.net.", "192.0.2.1")
                    .ptr("192.0.2.2", "liar.example.net.").a("liar.example.net.", "198.51.100.9")
                    .ptr("192.0.2.3", "gone.example.net.")
                    .ptr("192.0.2.4", "liar.example.net.", "second.example.net.")
                    .a("second.example.net.", "192.0.2.4")
                    .ptr("192.0.2.5", "slow.example.net.").silent("slow.example.net.")
                    .silent("6.2.0.192.in-addr.arpa.")
                    .ptr("2001:db8::25", "v6.example.net.").aaaa("v6.example.net.", "2001:db8::25")
                    .a("v6.example.net.", "192.0.2.25");
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    private ClientName of(String address) throws Exception {
        return ClientName.of(fixture.dns(), InetAddress.getByName(address), TIMEOUT);
    }

    @Test
    void aPtrNameThatLeadsBackIsConfirmedInLowerCase() throws Exception {
        assertEquals(new ClientName.Confirmed("mail.example.net"), of("192.0.2.1"));
    }

    @Test
    void aPtrNameWhoseAddressesAreOthersIsNot() throws Exception {
        assertInstanceOf(ClientName.Unconfirmed.class, of("192.0.2.2"));
        assertInstanceOf(ClientName.Unconfirmed.class, of("192.0.2.3"));
    }

    @Test
    void noPtrRecordAtAll() throws Exception {
        assertEquals(new ClientName.Unconfirmed("no PTR record"), of("192.0.2.99"));
    }

    @Test
    void anyOfSeveralNamesMayLeadBack() throws Exception {
        assertEquals(new ClientName.Confirmed("second.example.net"), of("192.0.2.4"));
    }

    @Test
    void ipv6AsksAaaaRecords() throws Exception {
        assertEquals(new ClientName.Confirmed("v6.example.net"), of("2001:db8::25"));
    }

    @Test
    void silenceIsTemporaryNotAFact() throws Exception {
        ClientName slowForward = ClientName.of(fixture.dns(), InetAddress.getByName("192.0.2.5"),
                Duration.ofMillis(500));
        assertInstanceOf(ClientName.Temporary.class, slowForward);
        ClientName slowReverse = ClientName.of(fixture.dns(), InetAddress.getByName("192.0.2.6"),
                Duration.ofMillis(500));
        assertInstanceOf(ClientName.Temporary.class, slowReverse);
    }

    @Test
    void atMostTenNamesAreChecked() throws Exception {
        String[] names = new String[12];
        for (int i = 0; i < names.length; i++) {
            names[i] = "n" + i + ".example.net.";
        }
        fixture.ptr("192.0.2.7", names).a("n11.example.net.", "192.0.2.7");
        assertInstanceOf(ClientName.Unconfirmed.class, of("192.0.2.7"));
    }
}
