package org.godshell.toaster.installer.step;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One training start for the JVM's class cache ({@link JvmCacheStep}): a daemon on a scratch prefix, doing what
 * its real starts do, stopped once it has. One JVM reads one cache and one training run is one JVM, so each
 * family of commands has its own: {@code bin/toaster} chooses the wiki's for {@code toaster wiki ...} and
 * smtpd's for everything else (lib/toaster-java.sh, {@code toaster_jvm_cache}).
 */
sealed interface Training permits SmtpdTraining, WikiTraining {

    /** The cache's name after the Java's version, as the launcher spells it: {@code java-VERSION-FAMILY.aot}. */
    String family();

    /** What the install prints: "a start of smtpd". */
    String describe();

    /** Lays the scratch prefix: what the daemon needs of the real one, listening on ports the kernel picks. */
    void lay(StepContext context, Path scratch) throws IOException, StepException;

    /** {@code bin/toaster}'s arguments: the daemon on the scratch prefix. */
    List<String> arguments(Path scratch);

    /**
     * Reads the daemon's output (stdout and stderr together) until its start has done what the cache should
     * hold; empty when it did, else why not. The caller stops the daemon after, and within its time limit.
     */
    Optional<String> exercise(BufferedReader output) throws IOException;
}
