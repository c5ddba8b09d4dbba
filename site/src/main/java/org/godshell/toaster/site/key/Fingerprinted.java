package org.godshell.toaster.site.key;

/**
 * A value that writes its own key: every field, in declaration order, through a {@link KeyWriter}. Written by
 * hand beside the fields rather than found by reflection, so what a key covers is in plain sight; the test of
 * this interface changes each field of each implementation in turn and checks that the key changes, so a field
 * left out, or of a type the writer refuses, fails the build.
 */
public interface Fingerprinted {

    /** Writes each field that what is made from this value may show. */
    void fingerprint(KeyWriter key);
}
