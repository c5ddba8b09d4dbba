package org.godshell.toaster.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.DeliveryConfig;
import org.godshell.toaster.config.Key;
import org.godshell.toaster.config.SmtpConfig;
import org.godshell.toaster.spp.SppEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toaster showconfig}: every effective setting and where it came from (a control file or a default). */
@Command(name = "showconfig", mixinStandardHelpOptions = true,
        description = "Print every effective setting of the SMTP server and delivery, and the file it came from, or "
                + "'default'; then every other control file the toaster reads, present or with its default.")
final class ShowConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PrefixOption prefix;

    @Override
    public Integer call() {
        try {
            Controls control = Controls.once(prefix.control());
            SmtpConfig config = SmtpConfig.make(control);
            SppEngine plugins = SppEngine.load(control, config.rules(), line -> { });
            List<SmtpConfig.Setting> settings = new ArrayList<>(config.describe());
            settings.addAll(plugins.describe());
            settings.addAll(DeliveryConfig.make(control).describe(control));
            // The rcpthosts line already merges morercpthosts; every other file gets a line of its own.
            Set<String> shown = new HashSet<>(List.of("morercpthosts"));
            settings.forEach(setting -> shown.add(setting.name()));
            settings.addAll(ControlFiles.describeOthers(control, shown));
            spec.commandLine().getOut().print(SmtpConfig.render(settings));
            spec.commandLine().getOut().print(readAtStart());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("toaster: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The files a daemon reads only when it starts; every other edit takes effect at the next connection,
     * delivery or check, which the table says too.
     */
    static String readAtStart() {
        Map<String, List<String>> byDaemon = new TreeMap<>();
        for (Key<?> key : ControlFiles.ALL) {
            key.uses().stream().filter(use -> use.effect() == Key.Effect.RESTART).forEach(use -> byDaemon
                    .computeIfAbsent(use.daemon(), daemon -> new ArrayList<>()).add(key.name()));
        }
        StringBuilder out = new StringBuilder("\nEvery edit takes effect at the next connection, delivery or check, "
                + "except these files, read when the daemon starts (restart it to apply an edit):\n");
        byDaemon.forEach((daemon, names) -> out.append("  ").append(daemon).append(": ")
                .append(String.join(" ", names)).append('\n'));
        return out.toString();
    }
}
