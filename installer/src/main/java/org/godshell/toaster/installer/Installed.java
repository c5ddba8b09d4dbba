package org.godshell.toaster.installer;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.settings.InstallRecord;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.installer.settings.SettingsException;
import org.godshell.toaster.installer.settings.SettingsResolver;

/** The settings of an existing install, from its {@link InstallRecord}: what uninstall and doctor work with. */
final class Installed {

    private Installed() {
    }

    static Settings settings(Prefix prefix) throws IOException, SettingsException {
        Map<String, String> record = InstallRecord.read(prefix.root());
        boolean unprivileged = InstallRecord.mode(record).orElse(Mode.SYSTEM) == Mode.UNPRIVILEGED;
        return new SettingsResolver(() -> "localhost", Optional.empty(), record).resolve(new SettingsResolver.Given(
                prefix.root(), null, null, null, null, null, null, unprivileged, true, Host.java(), null, null,
                null, null));
    }
}
