package org.godshell.toaster.spf;

import java.io.Serial;

/**
 * Ends {@code check_host()} early with {@code temperror} (a DNS failure, §2.6.6) or {@code permerror} (a record
 * that cannot be read, or a limit passed, §2.6.7). Thrown from deep in the evaluation, caught once in
 * {@link Spf}.
 */
final class SpfError extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SpfResult result;

    private SpfError(SpfResult result, String reason) {
        super(reason);
        this.result = result;
    }

    static SpfError perm(String reason) {
        return new SpfError(SpfResult.PERMERROR, reason);
    }

    static SpfError temp(String reason) {
        return new SpfError(SpfResult.TEMPERROR, reason);
    }

    SpfResult result() {
        return result;
    }
}
