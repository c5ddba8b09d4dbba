package org.godshell.toaster.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/** {@code control/acme/state} read and written whole ({@link RenewalState}); a missing file is no history. */
final class StateFile {

    private StateFile() {
    }

    static RenewalState read(Path file) throws AcmeException {
        if (!Files.exists(file)) {
            return RenewalState.NONE;
        }
        try {
            if (Files.size(file) > RenewalState.MAX_BYTES) {
                throw AcmeException.local(file + " is over " + RenewalState.MAX_BYTES + " bytes; remove it to "
                        + "start afresh");
            }
            return RenewalState.parse(file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AcmeException.local("cannot read " + file + ": " + e.getMessage());
        }
    }

    static void write(Path file, RenewalState state, Handover handover) throws AcmeException {
        try {
            if (!Files.isDirectory(file.getParent())) {
                AtomicFile.createDirectory(file.getParent(), AcmeFiles.DIRECTORY_MODE, handover);
            }
            AtomicFile.write(file, state.format(), AcmeFiles.MODE, handover);
        } catch (IOException e) {
            throw AcmeException.local("cannot write " + file + ": " + e.getMessage());
        }
    }
}
