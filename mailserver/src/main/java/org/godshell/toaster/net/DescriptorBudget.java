package org.godshell.toaster.net;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;

/**
 * How many sessions the process's open-files limit (RLIMIT_NOFILE) can carry, so that a connection limit the
 * descriptors cannot honour is lowered to what they can, and said so, instead of failing later in
 * {@code accept}, a queue write or a plugin start with "Too many open files".
 *
 * <p>A session holds one descriptor, its socket, while it waits for the client (bench/idle.sh: the tarpit and
 * the slow client this limit is for); while it takes a message in it holds a second, the queue file, and while a
 * plugin runs, its pipes. Budgeting the worst case for every session would halve what an idle crowd may use, so
 * a session counts one and {@link #RESERVED} are kept for the rest of the process (jars, listeners, logs, the
 * delivery side, DNS); if messages in flight then run the process out of descriptors, they get a temporary
 * failure and the accept loop waits, which a sender retries.
 *
 * @param openFiles the process's limit on open descriptors; {@link Long#MAX_VALUE} when unknown or unlimited
 */
public record DescriptorBudget(long openFiles) {

    static final int RESERVED = 256;

    public DescriptorBudget {
        if (openFiles < 1) {
            throw new IllegalArgumentException("an open-files limit is at least 1, not " + openFiles);
        }
    }

    /**
     * This process's limit, as the JVM reports it (on Linux, HotSpot raises the soft limit to the hard one as it
     * starts, so this is what systemd's {@code LimitNOFILE=} or {@code ulimit -Hn} allowed).
     */
    public static DescriptorBudget ofThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return new DescriptorBudget(unix.getMaxFileDescriptorCount());
        }
        return new DescriptorBudget(Long.MAX_VALUE);
    }

    /** The sessions the limit carries: at least 1, so a tiny limit still serves one client at a time. */
    public int sessions() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, openFiles - RESERVED));
    }

    /** {@code configured}, or fewer when the descriptors cannot carry that many sessions. */
    public int clamp(int configured) {
        return Math.min(configured, sessions());
    }

    /**
     * A log line when {@code configured} (a control file's value, by {@code name}) is more than the limit
     * carries: what is used instead and how to raise it; empty when it fits.
     */
    public Optional<String> warning(String name, int configured) {
        if (configured <= sessions()) {
            return Optional.empty();
        }
        return Optional.of(name + " " + configured + " is more than the open-files limit of " + openFiles
                + " descriptors carries (one a session, " + RESERVED + " kept): at most " + sessions()
                + " connections are taken; raise LimitNOFILE= in the systemd unit, or ulimit -n");
    }
}
