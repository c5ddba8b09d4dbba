/**
 * The qmail-spp plugin engine: reading {@code smtpplugins}, running plugins as separate processes at the SMTP
 * hooks, and turning their one-letter output commands into verdicts (see {@code spp.md} beside this file and
 * {@code shared/spec/qmail-spp.md}).
 *
 * <p>It must fail closed: a plugin that cannot run, crashes, hangs past its timeout or prints garbage yields
 * 451, never an acceptance, unless the admin wrote {@code failopen:} on its line (then the failure is logged and
 * the plugin counts as silent). It never builds a shell string from client data: envelope data reaches plugins as
 * environment variables only, and only lines the admin wrote starting with {@code :} go through
 * {@code /bin/sh -c}.
 */
package org.godshell.toaster.spp;
