package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.installer.template.Template;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.layout.Daemons;

/**
 * The systemd units {@code toaster-smtpd.service}, {@code toaster-pop3d.service} and {@code
 * toaster-wiki.service} (hardened: see the templates), written, loaded and enabled, so that all three come back
 * after a reboot. A unit whose text changed (or that systemd has not loaded since it changed: a run cut short
 * before the reload) restarts its daemon; an unchanged one is left alone. Only on a host that systemd runs, in
 * system mode.
 */
final class ServiceUnitsStep implements Step {

    /** Paths that a unit file can carry unquoted: no spaces, no % specifiers, no quotes. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");

    private final StepContext context;

    ServiceUnitsStep(StepContext context) {
        this.context = context;
    }

    /** The unit file's text for this prefix and Java. */
    String render(String daemon) throws StepException {
        Map<String, String> values = new HashMap<>(paths(context));
        values.put("user", SystemUserStep.USER);
        return Template.resource(Daemons.unit(daemon)).render(values);
    }

    /**
     * The prefix and the Java a unit names ({@code prefix}, {@code java}), refused when a unit could not carry
     * them unquoted: every toaster unit (the daemons', the backup's) is rendered from these.
     */
    static Map<String, String> paths(StepContext context) throws StepException {
        String prefix = context.root().toString();
        String java = context.settings().java().toString();
        for (String path : List.of(prefix, java)) {
            if (!PLAIN_PATH.matcher(path).matches()) {
                throw new StepException(path + " has characters a systemd unit cannot carry unquoted (space, %, "
                        + "quotes); choose a plain --prefix such as /opt/toaster, or a Java at a plain path");
            }
        }
        return Map.of("prefix", prefix, "java", java);
    }

    @Override
    public String name() {
        return "service-units";
    }

    @Override
    public String describe() {
        return "systemd units " + Daemons.unit("smtpd") + ", " + Daemons.unit("pop3d") + " and "
                + Daemons.unit("wiki") + " in " + context.systemd().map(systemd -> systemd.units().toString())
                .orElse("(no systemd)") + ", enabled";
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        for (String daemon : Daemons.ALL) {
            if (!current(daemon) || !systemd().is(context.commands(), "is-enabled", daemon)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void apply() throws IOException, StepException {
        List<String> changed = new ArrayList<>();
        for (String daemon : Daemons.ALL) {
            if (!written(daemon)) {
                AtomicFile.write(systemd().file(daemon), render(daemon), "rw-r--r--");
                changed.add(daemon);
            } else if (systemd().stale(context.commands(), daemon)) {
                changed.add(daemon);                       // written by a run that stopped before the reload
            }
        }
        if (!changed.isEmpty()) {
            context.commands().require(systemd().argv("daemon-reload", List.of()), Optional.empty());
            changed.forEach(context.changes()::restart);
        }
        context.commands().require(systemd().argv("enable", Daemons.ALL, "--quiet"), Optional.empty());
    }

    private Systemd systemd() throws StepException {
        return context.services().orElseThrow(() -> new StepException("systemd does not run this host"));
    }

    /** Whether the unit file holds what this install renders, and systemd runs the daemon by it. */
    private boolean current(String daemon) throws IOException, StepException {
        return written(daemon) && !systemd().stale(context.commands(), daemon);
    }

    /** Whether the daemon's unit file holds what this install renders. */
    private boolean written(String daemon) throws IOException, StepException {
        Path file = systemd().file(daemon);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.readString(file, StandardCharsets.UTF_8).equals(render(daemon));
    }
}
