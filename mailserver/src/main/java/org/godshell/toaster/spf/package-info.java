/**
 * SPF (RFC 7208): {@code check_host()} over the toaster's {@link org.godshell.toaster.dns.Dns} facade, for the
 * built-in plugin {@code builtin:spf} and the command {@code toaster spf}.
 *
 * <p>Split by job: {@link org.godshell.toaster.spf.SpfRecord} selects and parses a record (§4.5, §4.6, §12),
 * {@link org.godshell.toaster.spf.Macro} expands macros (§7), {@link org.godshell.toaster.spf.Evaluation} walks
 * the mechanisms with the processing limits (§4.6.4, §5), and {@link org.godshell.toaster.spf.Spf} is the entry
 * point for the two identities, MAIL FROM and HELO (§2.3, §2.4).
 *
 * <p>Deliberate omissions, allowed by the RFC: {@code ptr} never matches (§5.5: "SHOULD NOT be used"; a
 * verifier may skip it, it still counts toward the 10 DNS terms), {@code exp=} is parsed but not fetched (§6.2:
 * the explanation is only used for a fail reply, and ours is fixed text, so no DNS answer can put words in our
 * replies), and {@code %{p}} expands to {@code unknown} (§7.3 allows it and it saves a PTR lookup).
 */
package org.godshell.toaster.spf;
