/**
 * The toaster's own MTA-STS policy as the wiki server sees it (RFC 8461 §3.3): which domain a request's host
 * name asks about ({@link org.godshell.toaster.site.stspolicy.PolicyHost}), and the policy text of a domain
 * through {@link org.godshell.toaster.site.stspolicy.StsPolicies}, which the CLI implements from the mail
 * server's control files: the wiki never imports the mail server.
 *
 * <p>Pure: no HTTP, no file, no network. It must never answer for a domain that is not the toaster's, nor let
 * anything of a request but a checked domain name through.
 */
package org.godshell.toaster.site.stspolicy;
