package org.godshell.toaster.site.git;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * {@code wiki.strict} in the bare repository's {@code config} ({@code git config wiki.strict true}), read from
 * the file at each push so that the admin's change holds from the next push without a restart. Absent means off.
 * A value git would not read as a boolean, or a config file that cannot be read, turns it on (fails closed: the
 * admin asked for a check, and a typo must not quietly drop it) and says so in {@code problem}.
 */
record StrictSetting(boolean on, Optional<String> problem) {

    static StrictSetting read(Repository repository) {
        FileBasedConfig config = new FileBasedConfig(new File(repository.getDirectory(), "config"), FS.DETECTED);
        try {
            config.load();
        } catch (IOException | ConfigInvalidException e) {
            return new StrictSetting(true, Optional.of("the repository's config cannot be read ("
                    + e.getMessage() + "); wiki.strict is taken as true"));
        }
        try {
            return new StrictSetting(config.getBoolean("wiki", "strict", false), Optional.empty());
        } catch (IllegalArgumentException e) {
            String raw = String.valueOf(config.getString("wiki", null, "strict"));
            return new StrictSetting(true, Optional.of("wiki.strict is '" + Printable.of(raw, 40) + "', not true "
                    + "or false (nor yes/no, on/off, 1/0); it is taken as true until the admin fixes it"));
        }
    }
}
