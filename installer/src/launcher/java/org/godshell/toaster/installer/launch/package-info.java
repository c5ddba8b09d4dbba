/**
 * The installer jar's entry point, compiled for Java 8 so that {@code java -jar toaster-installer.jar} on a host
 * whose default java is older than the toaster needs (Debian 12 ships 17) says what to do, or starts itself again
 * with a newer Java found under {@code /usr/lib/jvm}, instead of dying with {@code UnsupportedClassVersionError}.
 *
 * <p>It must never use an API newer than Java 8, never touch the installer's own classes before the version
 * check has passed, and never run a shell: a new Java is started with its arguments as a list.
 */
package org.godshell.toaster.installer.launch;
