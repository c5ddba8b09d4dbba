package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.installer.prefix.GeneratedFile;
import org.godshell.toaster.installer.prefix.Installation;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.template.Template;

/**
 * The host's own control files: {@code me}, {@code tcp.smtp} (local clients relay with the light plugin set,
 * everyone else gets the external set and may only send to our domains), and one {@code listen-*} file per
 * service of the mode, and {@code wikieditors} naming the first mailbox. {@code rcpthosts} is written by
 * {@code toaster domain add} in {@link DomainStep}.
 */
final class ControlFilesStep implements Step {

    private final StepContext context;

    ControlFilesStep(StepContext context) {
        this.context = context;
    }

    /** The files and their content for these settings. */
    List<GeneratedFile> files() {
        Map<String, String> values = Map.of("hostName", context.settings().hostName());
        List<GeneratedFile> files = new ArrayList<>();
        files.add(file("control/me", Template.resource("me").render(values)));
        files.add(file("control/tcp.smtp", Template.resource("tcp.smtp").render(values)));
        for (Mode.Listener listener : context.settings().mode().listeners()) {
            files.add(file("control/" + listener.controlFile(), listener.line() + "\n"));
        }
        // The first mailbox may push to the wiki; more editors are added to this file by the admin.
        files.add(file("control/wikieditors", context.settings().admin() + "\n"));
        return files;
    }

    private GeneratedFile file(String relative, String content) {
        return new GeneratedFile(context.prefix(), relative, content);
    }

    @Override
    public String name() {
        return "control-files";
    }

    @Override
    public String describe() {
        StringBuilder ports = new StringBuilder();
        for (Mode.Listener listener : context.settings().mode().listeners()) {
            ports.append(ports.isEmpty() ? "" : ", ").append(listener.controlFile().substring(7)).append(' ')
                    .append(listener.line());
        }
        return "control files: me = " + context.settings().hostName() + ", tcp.smtp (no open relay), " + ports;
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
                case WRITTEN -> context.changes().restartNeeded();
                case KEPT -> context.out().println("         kept your " + file.relative() + " (you changed it); "
                        + "the installer's version is " + file.relative() + Installation.NEW_SUFFIX);
                case UNCHANGED -> { }
            }
        }
    }
}
