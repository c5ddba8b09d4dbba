/**
 * The text templates of the files the installer writes (control files, systemd units): plain text with
 * {@code ${name}} placeholders, read from the jar's {@code /templates/}.
 *
 * <p>It substitutes checked values only: a placeholder without a value, or a value with a line break (which
 * could add a directive to a unit file), is an error, never an empty string. It has no logic, loops or
 * includes: the files are short and one file per mode is clearer than conditions.
 */
package org.godshell.toaster.installer.template;
