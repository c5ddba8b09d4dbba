package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.godshell.toaster.installer.template.Template;

/**
 * The systemd units {@code toaster-smtpd.service} and {@code toaster-pop3d.service} (hardened: see the
 * templates), written, loaded and enabled. Only on a host that systemd runs, in system mode.
 */
final class ServiceUnitsStep implements Step {

    /** The daemons, each with its unit. */
    static final List<String> DAEMONS = List.of("smtpd", "pop3d", "wiki");
    /** Paths that a unit file can carry unquoted: no spaces, no % specifiers, no quotes. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");

    private final StepContext context;

    ServiceUnitsStep(StepContext context) {
        this.context = context;
    }

    static String unit(String daemon) {
        return "toaster-" + daemon + ".service";
    }

    /** The unit file's text for this prefix and Java. */
    String render(String daemon) throws StepException {
        String prefix = context.root().toString();
        String java = context.settings().java().toString();
        for (String path : List.of(prefix, java)) {
            if (!PLAIN_PATH.matcher(path).matches()) {
                throw new StepException(path + " has characters a systemd unit cannot carry unquoted (space, %, "
                        + "quotes); choose a plain --prefix such as /opt/toaster, or a Java at a plain path");
            }
        }
        return Template.resource(unit(daemon)).render(Map.of("prefix", prefix, "java", java,
                "user", SystemUserStep.USER));
    }

    @Override
    public String name() {
        return "service-units";
    }

    @Override
    public String describe() {
        return "systemd units " + unit("smtpd") + " and " + unit("pop3d") + " in " + context.units() + ", enabled";
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        for (String daemon : DAEMONS) {
            Path file = context.units().resolve(unit(daemon));
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !Files.readString(file, StandardCharsets.UTF_8).equals(render(daemon))
                    || !context.commands().run(List.of("systemctl", "is-enabled", "--quiet", unit(daemon))).ok()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void apply() throws IOException, StepException {
        for (String daemon : DAEMONS) {
            Path file = context.units().resolve(unit(daemon));
            Path temp = file.resolveSibling("." + unit(daemon) + ".tmp");
            Files.writeString(temp, render(daemon), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        context.commands().require(List.of("systemctl", "daemon-reload"), Optional.empty());
        context.commands().require(List.of("systemctl", "enable", unit("smtpd"), unit("pop3d")), Optional.empty());
        context.changes().restartNeeded();
    }
}
