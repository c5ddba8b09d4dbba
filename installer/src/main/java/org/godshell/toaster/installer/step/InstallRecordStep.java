package org.godshell.toaster.installer.step;

import java.io.IOException;
import org.godshell.toaster.installer.prefix.GeneratedFile;
import org.godshell.toaster.installer.settings.InstallRecord;

/** {@code PREFIX/.toaster-install}: the names and mode this install was made with ({@link InstallRecord}). */
final class InstallRecordStep implements Step {

    private final StepContext context;

    InstallRecordStep(StepContext context) {
        this.context = context;
    }

    private GeneratedFile file() {
        return new GeneratedFile(context.prefix(), InstallRecord.FILE, InstallRecord.render(context.settings()));
    }

    @Override
    public String name() {
        return "install-record";
    }

    @Override
    public String describe() {
        return "the names and mode of this install in " + InstallRecord.FILE + " (for upgrade, uninstall, doctor)";
    }

    @Override
    public boolean isDone() throws IOException {
        return file().isDone();
    }

    @Override
    public void apply() throws IOException {
        file().place();
    }
}
