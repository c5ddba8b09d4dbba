package org.godshell.toaster.dkim;

import java.io.Serial;

/**
 * Ends the verification of one signature early with its {@link DkimResult} and the reason. Thrown from the
 * parsers and the key lookup, caught once per signature in {@link Verifier}; the signer turns it into a
 * {@link Signing.Refused}.
 */
public final class DkimError extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final DkimResult result;

    private DkimError(DkimResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    static DkimError perm(String reason) {
        return new DkimError(DkimResult.PERMERROR, reason);
    }

    static DkimError temp(String reason) {
        return new DkimError(DkimResult.TEMPERROR, reason);
    }

    static DkimError fail(String reason) {
        return new DkimError(DkimResult.FAIL, reason);
    }

    public DkimResult result() {
        return result;
    }
}
