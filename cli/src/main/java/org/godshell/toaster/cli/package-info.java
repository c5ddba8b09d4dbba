/**
 * The {@code toaster} admin command: parses arguments with picocli and hands each subcommand to the package
 * that does the job.
 *
 * <p>This package only wires commands to code; it never holds mail-server logic of its own, and it never
 * offers a subcommand that does not work.
 */
package org.godshell.toaster.cli;
