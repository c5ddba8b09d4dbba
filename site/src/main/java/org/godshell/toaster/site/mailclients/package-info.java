/**
 * The documents mail clients set themselves up from, made from the toaster's {@link
 * org.godshell.toaster.mailclients.ClientSettings}: Thunderbird's autoconfig (clientConfig 1.1), Outlook's
 * Autodiscover (the POX "outlook" response schema, and the hardened reader of its request), and an Apple
 * configuration profile; and the strict reader of the mail address that asks for them.
 *
 * <p>Pure functions: no HTTP (the wiki server's {@code serve} package routes requests here), no file, no network.
 * The toaster's domains come through {@link org.godshell.toaster.site.mailclients.MailDomains}, which the CLI
 * implements: the wiki never imports the mail server.
 *
 * <p>What this package must never do: make a document depend on whether a user exists (it never asks); write a
 * character into XML that is not escaped; read XML with a DTD, an entity or an external reference, or read more
 * than {@link org.godshell.toaster.site.mailclients.AutodiscoverRequest#MAX_BYTES} of it.
 */
package org.godshell.toaster.site.mailclients;
