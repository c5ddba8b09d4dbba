package org.godshell.toaster.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The control files of delivery, with qmail-send's names and defaults; the queue runner asks its {@link Live}
 * value before each delivery, so an edit applies to the next one.
 *
 * @param me                the host's name: HELO name, bounce sender's domain, Maildir origin ({@code me})
 * @param queueLifetime     how long a message may stay undeliverable before it bounces ({@code queuelifetime},
 *                          seconds; qmail's default 604800, one week)
 * @param concurrencyLocal  local deliveries at once ({@code concurrencylocal}, default 10)
 * @param concurrencyRemote remote SMTP transactions at once ({@code concurrencyremote}, default 20)
 */
public record DeliveryConfig(String me, Duration queueLifetime, int concurrencyLocal, int concurrencyRemote) {

    /** Reads {@code me}, {@code queuelifetime}, {@code concurrencylocal} and {@code concurrencyremote} once. */
    public static DeliveryConfig load(Path control) throws ConfigException {
        return make(Controls.once(control));
    }

    public static DeliveryConfig make(Reads r) throws ConfigException {
        return new DeliveryConfig(r.get(ControlFiles.ME), Duration.ofSeconds(r.get(ControlFiles.QUEUELIFETIME)),
                r.get(ControlFiles.CONCURRENCYLOCAL).intValue(), r.get(ControlFiles.CONCURRENCYREMOTE).intValue());
    }

    /** The delivery settings for {@code toaster showconfig}: value, and the file it came from or "default". */
    public List<SmtpConfig.Setting> describe(Reads r) {
        List<SmtpConfig.Setting> out = new ArrayList<>();
        out.add(new SmtpConfig.Setting("queuelifetime", queueLifetime.toSeconds() + " seconds",
                r.source(ControlFiles.QUEUELIFETIME)));
        out.add(new SmtpConfig.Setting("concurrencylocal", String.valueOf(concurrencyLocal),
                r.source(ControlFiles.CONCURRENCYLOCAL)));
        out.add(new SmtpConfig.Setting("concurrencyremote", String.valueOf(concurrencyRemote),
                r.source(ControlFiles.CONCURRENCYREMOTE)));
        return out;
    }
}
