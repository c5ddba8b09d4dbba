package org.godshell.toaster.installer;

/** A shell in the test's container: runs a command line that must succeed and returns its stdout, stripped. */
@FunctionalInterface
interface ContainerShell {
    String sh(String script) throws Exception;
}
