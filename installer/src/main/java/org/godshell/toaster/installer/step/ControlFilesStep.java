package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.installer.prefix.GeneratedFile;
import org.godshell.toaster.installer.prefix.Installation;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.template.Template;
import org.godshell.toaster.layout.Daemons;

/**
 * The host's own control files: {@code me}, {@code tcp.smtp} (local clients get the light plugin set and relay
 * unless {@code --no-loopback-relay}; everyone else gets the default set and may only send to our domains), one
 * {@code listen-*} file per service of the mode, {@code wikieditors} naming the first mailbox, and {@code wikiurl}
 * when the wiki sits behind the admin's web server ({@code --no-wiki-ports}; then {@code listen-https} goes, as
 * long as the admin did not edit it). {@code rcpthosts} is written by {@code toaster domain add} in
 * {@link DomainStep}.
 */
final class ControlFilesStep implements Step {

    private final StepContext context;

    ControlFilesStep(StepContext context) {
        this.context = context;
    }

    /**
     * Earlier installs sent outside clients to {@code control/smtpplugins-external}; there the
     * admin may have enabled plugins, so an upgrade keeps that routing rather than silently dropping them. A new
     * install sends them to {@code control/smtpplugins}, the file qmail admins and the wiki's tutorials edit.
     */
    static final String OLD_OUTSIDE_FILE = "control/smtpplugins-external";

    /** The files and their content for these settings. */
    List<GeneratedFile> files() {
        boolean oldOutside = Files.exists(context.prefix().root().resolve(OLD_OUTSIDE_FILE));
        Map<String, String> values = Map.of("hostName", context.settings().hostName(),
                "outsidePlugins", oldOutside ? OLD_OUTSIDE_FILE + " (as this install always has)"
                        : "the default plugin set (control/smtpplugins)",
                "outsideRule", oldOutside ? ",SPPCONFFILE=\"" + OLD_OUTSIDE_FILE + "\"" : "",
                "loopbackSays", context.settings().loopbackRelay()
                        ? "This machine (127., ::1) may relay (installer option --no-loopback-relay: it may not) and "
                                + "uses the light plugin set, control/smtpplugins-local."
                        : "This machine (127., ::1) uses the light plugin set, control/smtpplugins-local, and must log "
                                + "in to relay (installed with --no-loopback-relay).",
                "loopbackRule", context.settings().loopbackRelay() ? ",RELAYCLIENT=\"\"" : "");
        List<GeneratedFile> files = new ArrayList<>();
        files.add(file("control/me", Template.resource("me").render(values)));
        files.add(file("control/tcp.smtp", Template.resource("tcp.smtp").render(values)));
        List<Mode.Listener> listeners = context.settings().listeners();
        for (Mode.Listener shipped : context.settings().mode().listeners()) {
            String relative = "control/" + shipped.controlFile();
            files.add(listeners.stream().filter(listener -> listener.controlFile().equals(shipped.controlFile()))
                    .findFirst().map(listener -> file(relative, listener.line() + "\n"))
                    .orElse(GeneratedFile.absent(context.prefix(), relative)));
        }
        // The first mailbox may push to the wiki; more editors are added to this file by the admin.
        files.add(file("control/wikieditors", context.settings().admin() + "\n"));
        files.add(context.settings().wikiUrl().map(url -> file("control/wikiurl", url + "\n"))
                .orElse(GeneratedFile.absent(context.prefix(), "control/wikiurl")));
        return files;
    }

    private GeneratedFile file(String relative, String content) {
        return new GeneratedFile(context.prefix(), relative, content);
    }

    /** The daemons that read a control file this step writes. */
    static List<String> readers(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (name.startsWith("listen-pop3")) {
            return List.of("pop3d");
        }
        if (name.startsWith("listen-http") || name.startsWith("wiki")) {
            return List.of("wiki");
        }
        return name.equals("me") ? Daemons.ALL : List.of("smtpd");    // listen-smtp*, tcp.smtp
    }

    @Override
    public String name() {
        return "control-files";
    }

    @Override
    public String describe() {
        StringBuilder ports = new StringBuilder();
        for (Mode.Listener listener : context.settings().listeners()) {
            ports.append(ports.isEmpty() ? "" : ", ").append(listener.controlFile().substring(7)).append(' ')
                    .append(listener.line());
        }
        return "control files: me = " + context.settings().hostName() + ", tcp.smtp (no open relay), " + ports
                + context.settings().wikiUrl().map(url -> ", wikiurl " + url + " (the wiki behind your web server)")
                        .orElse("");
    }

    @Override
    public boolean isDone() throws IOException {
        for (GeneratedFile file : files()) {
            if (!file.isDone()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void apply() throws IOException {
        for (GeneratedFile file : files()) {
            switch (file.place()) {
                case WRITTEN -> readers(file.relative()).forEach(context.changes()::restart);
                case KEPT -> context.out().println("         kept your " + file.relative() + " (you changed it); "
                        + (Files.exists(context.root().resolve(file.relative() + Installation.NEW_SUFFIX))
                                ? "the installer's version is " + file.relative() + Installation.NEW_SUFFIX
                                : "these settings do without it: remove it if you no longer need it"));
                case UNCHANGED -> { }
            }
        }
    }
}
