package org.godshell.toaster.spf;

import java.net.InetAddress;

/** Whether an address lies in a network (RFC 7208 §5.6): the first {@code length} bits equal, same family. */
final class Cidr {

    private Cidr() {
    }

    static boolean contains(InetAddress network, int length, InetAddress ip) {
        byte[] net = network.getAddress();
        byte[] addr = ip.getAddress();
        if (net.length != addr.length) {
            return false;
        }
        for (int bit = 0; bit < length; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((net[bit / 8] & mask) != (addr[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
