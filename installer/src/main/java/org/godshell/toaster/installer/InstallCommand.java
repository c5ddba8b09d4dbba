package org.godshell.toaster.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.godshell.toaster.installer.payload.PayloadException;
import org.godshell.toaster.installer.payload.Unpacker;
import org.godshell.toaster.installer.prefix.Installation;
import org.godshell.toaster.installer.prefix.Prefix;
import org.godshell.toaster.installer.prefix.PrefixException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code install}: checks the prefix, unpacks the whole payload into its staging directory (so a damaged
 * payload stops before anything is replaced), then moves the files into place.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Unpacks the toaster into PREFIX: bin/toaster, lib/, control/, plugins/, wiki-content/. "
                + "Rerunning is safe: unchanged files are left alone, files you changed in control/ are kept, "
                + "and an interrupted run completes.")
final class InstallCommand implements Callable<Integer> {

    static final String EMBEDDED_PAYLOAD = "/payload/toaster.tar.gz";

    @Spec
    private CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "/opt/toaster",
            description = "Directory to install into (default: ${DEFAULT-VALUE}). Created if missing; must be "
                    + "empty or hold a toaster already.")
    private String prefix;

    @Option(names = "--payload", paramLabel = "TAR.GZ",
            description = "Install this distribution tar.gz instead of the one inside the installer.")
    private Path payload;

    @Override
    public Integer call() {
        try {
            Prefix target = Prefix.of(prefix);
            try (InputStream in = openPayload()) {
                target.claim();
                Path staging = Installation.freshStaging(target);
                Unpacker.Unpacked unpacked;
                try {
                    unpacked = Unpacker.unpack(in, staging);
                } catch (PayloadException e) {
                    Installation.discard(staging);
                    throw e;
                }
                Installation.Report report = Installation.apply(target, staging);
                out("installed toaster " + unpacked.version() + " into " + target.root());
                out("  " + report.written() + " files written, " + report.unchanged() + " unchanged, "
                        + report.removed() + " stale program files removed");
                for (String kept : report.kept()) {
                    out("  kept your " + kept + " (it is not the default that was shipped); the new default is "
                            + kept + Installation.NEW_SUFFIX);
                }
                out("  run: " + target.root().resolve("bin/toaster") + " --help");
                return 0;
            }
        } catch (PrefixException e) {
            return fail(e.getMessage());
        } catch (PayloadException e) {
            return fail(e.getMessage() + "; nothing in the prefix was replaced");
        } catch (NoSuchFileException e) {
            return fail("no such file: " + e.getFile());
        } catch (IOException e) {
            return fail("install failed: " + e + "; fix the cause and run the installer again, it resumes");
        }
    }

    private InputStream openPayload() throws IOException, PayloadException {
        if (payload != null) {
            if (!Files.isRegularFile(payload)) {
                throw new PayloadException("--payload " + payload + " is not a readable file");
            }
            return Files.newInputStream(payload);
        }
        InputStream embedded = InstallCommand.class.getResourceAsStream(EMBEDDED_PAYLOAD);
        if (embedded == null) {
            throw new PayloadException("this installer jar carries no payload (" + EMBEDDED_PAYLOAD
                    + " is missing); build it with Maven or download it again");
        }
        return embedded;
    }

    private void out(String line) {
        spec.commandLine().getOut().println(line);
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("toaster-installer: " + message);
        return 1;
    }
}
