package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.installer.payload.PayloadException;
import org.godshell.toaster.installer.payload.Unpacker;
import org.godshell.toaster.installer.prefix.Installation;

/**
 * The payload laid out in the prefix ({@link Installation}): bin/, lib/, control/ samples, plugins/,
 * wiki-content/. Checking unpacks the payload into a temporary directory outside the prefix and compares.
 */
final class ProgramFilesStep implements Step {

    private final StepContext context;
    private final PayloadSource payload;

    ProgramFilesStep(StepContext context, PayloadSource payload) {
        this.context = context;
        this.payload = payload;
    }

    @Override
    public String name() {
        return "program-files";
    }

    @Override
    public String describe() {
        return "program files, sample control files and plugins in " + context.root();
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        if (!Files.isDirectory(context.root())) {
            return false;
        }
        Path scratch = Files.createTempDirectory("toaster-check");
        try (InputStream in = payload.open()) {
            Unpacker.unpack(in, scratch);
            return Installation.upToDate(context.prefix(), scratch);
        } catch (PayloadException e) {
            throw new StepException(e.getMessage(), e);
        } finally {
            Installation.discard(scratch);
        }
    }

    @Override
    public void apply() throws IOException, StepException {
        try (InputStream in = payload.open()) {
            context.prefix().claim();
            Path staging = Installation.freshStaging(context.prefix());
            Unpacker.Unpacked unpacked;
            try {
                unpacked = Unpacker.unpack(in, staging);
            } catch (PayloadException e) {
                Installation.discard(staging);
                throw new StepException(e.getMessage() + "; nothing in the prefix was replaced", e);
            }
            Installation.Report report = Installation.apply(context.prefix(), staging);
            context.out().println("         toaster " + unpacked.version() + ": " + report.written() + " files written, "
                    + report.unchanged() + " unchanged, " + report.removed() + " stale program files removed");
            for (String kept : report.kept()) {
                context.out().println("         kept your " + kept + " (you changed it); the new default is "
                        + kept + Installation.NEW_SUFFIX);
            }
            if (report.written() > 0 || report.removed() > 0) {
                context.changes().restartAll();
            }
        } catch (PayloadException e) {
            throw new StepException(e.getMessage(), e);
        } catch (org.godshell.toaster.installer.prefix.PrefixException e) {
            throw new StepException(e.getMessage(), e);
        }
    }
}
