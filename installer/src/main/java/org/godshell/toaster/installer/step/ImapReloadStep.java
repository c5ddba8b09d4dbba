package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.installer.imap.ReloadUnits;
import org.godshell.toaster.installer.imap.UnsafeValueException;
import org.godshell.toaster.io.AtomicFile;

/**
 * {@value ReloadUnits#PATH} and its service written, loaded and the path unit enabled and started: a new
 * {@code control/servercert.pem} reloads Dovecot, as the toaster's own daemons pick it up at their next handshake.
 * Only where systemd runs the host.
 */
final class ImapReloadStep implements Step {

    private final StepContext context;

    ImapReloadStep(StepContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "imap-cert-reload";
    }

    @Override
    public String describe() {
        return "a renewed certificate reloads Dovecot (" + ReloadUnits.PATH + " watches control/servercert.pem)";
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        Systemd systemd = systemd();
        for (Map.Entry<String, String> unit : units().entrySet()) {
            Path file = systemd.units().resolve(unit.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !Files.readString(file, StandardCharsets.UTF_8).equals(unit.getValue())) {
                return false;
            }
        }
        return systemd.unitIs(context.commands(), "is-enabled", ReloadUnits.PATH)
                && systemd.unitIs(context.commands(), "is-active", ReloadUnits.PATH);
    }

    @Override
    public void apply() throws IOException, StepException {
        Systemd systemd = systemd();
        boolean changed = false;
        for (Map.Entry<String, String> unit : units().entrySet()) {
            Path file = systemd.units().resolve(unit.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !Files.readString(file, StandardCharsets.UTF_8).equals(unit.getValue())) {
                AtomicFile.write(file, unit.getValue(), "rw-r--r--");
                changed = true;
            }
        }
        if (changed) {
            context.commands().require(systemd.units("daemon-reload", List.of()), Optional.empty());
        }
        context.commands().require(systemd.units("enable", List.of(ReloadUnits.PATH), "--now", "--quiet"),
                Optional.empty());
        if (changed) {
            // A path unit already watching keeps its old PathChanged= until restarted.
            context.commands().require(systemd.units("restart", List.of(ReloadUnits.PATH)), Optional.empty());
        }
        context.out().println("         " + ReloadUnits.PATH + " watches " + context.root()
                .resolve("control/servercert.pem") + ": a new certificate reloads dovecot.service");
    }

    private Map<String, String> units() throws StepException {
        try {
            return new ReloadUnits(context.root()).render();
        } catch (UnsafeValueException e) {
            throw new StepException(e.getMessage());
        }
    }

    private Systemd systemd() throws StepException {
        return context.services().orElseThrow(() -> new StepException("systemd does not run this host"));
    }
}
