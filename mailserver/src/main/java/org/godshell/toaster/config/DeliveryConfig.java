package org.godshell.toaster.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control files of delivery, with qmail-send's names and defaults.
 *
 * @param me                the host's name: HELO name, bounce sender's domain, Maildir origin ({@code me})
 * @param queueLifetime     how long a message may stay undeliverable before it bounces ({@code queuelifetime},
 *                          seconds; qmail's default 604800, one week)
 * @param concurrencyLocal  local deliveries at once ({@code concurrencylocal}, default 10)
 * @param concurrencyRemote remote SMTP transactions at once ({@code concurrencyremote}, default 20)
 */
public record DeliveryConfig(String me, Duration queueLifetime, int concurrencyLocal, int concurrencyRemote) {

    static final long DEFAULT_LIFETIME_SECONDS = 604_800;
    static final int DEFAULT_LOCAL = 10;
    static final int DEFAULT_REMOTE = 20;

    /** Reads {@code me}, {@code queuelifetime}, {@code concurrencylocal} and {@code concurrencyremote}. */
    public static DeliveryConfig load(Path control) throws ConfigException {
        Optional<ControlFile.Line> meLine = ControlFile.firstLine(control.resolve("me"));
        String me = meLine.isPresent() ? Values.hostName(control.resolve("me"), meLine.get())
                : SmtpConfigLoader.localHostName();
        long lifetime = number(control, "queuelifetime", "a number of seconds",
                "write the seconds a message may wait, e.g. 604800 for a week", 1, 365L * 86_400,
                DEFAULT_LIFETIME_SECONDS);
        long local = number(control, "concurrencylocal", "a number of deliveries",
                "write how many local deliveries may run at once, e.g. 10", 1, 1000, DEFAULT_LOCAL);
        long remote = number(control, "concurrencyremote", "a number of connections",
                "write how many remote deliveries may run at once, e.g. 20", 1, 1000, DEFAULT_REMOTE);
        return new DeliveryConfig(me, Duration.ofSeconds(lifetime), (int) local, (int) remote);
    }

    /** The delivery settings for {@code toaster showconfig}: value, and the file it came from or "default". */
    public List<SmtpConfig.Setting> describe(Path control) {
        List<SmtpConfig.Setting> out = new ArrayList<>();
        out.add(setting(control, "queuelifetime", queueLifetime.toSeconds() + " seconds"));
        out.add(setting(control, "concurrencylocal", String.valueOf(concurrencyLocal)));
        out.add(setting(control, "concurrencyremote", String.valueOf(concurrencyRemote)));
        return out;
    }

    private static SmtpConfig.Setting setting(Path control, String name, String value) {
        Path file = control.resolve(name);
        return new SmtpConfig.Setting(name, value, Files.exists(file) ? file.toString() : "default");
    }

    private static long number(Path control, String name, String what, String fix, long min, long max,
            long fallback) throws ConfigException {
        Path file = control.resolve(name);
        Optional<ControlFile.Line> line = ControlFile.firstLine(file);
        return line.isPresent() ? Values.number(file, line.get(), what, fix, min, max) : fallback;
    }
}
