/**
 * DMARC (RFC 7489) for inbound mail: does the domain in a message's From header stand behind it? The domain's
 * policy is found in DNS ({@code _dmarc.DOMAIN}, else at its organizational domain), and the message passes when
 * SPF or DKIM passed for a domain aligned with the From domain; otherwise the policy ({@code p=}, {@code sp=},
 * sampled by {@code pct=}) says what to do with it.
 *
 * <p>Split by job: {@link org.godshell.toaster.dmarc.PublicSuffixList} and its loader
 * {@link org.godshell.toaster.dmarc.PublicSuffixes} give the organizational domain (§3.2) from Mozilla's list,
 * shipped in the jar and replaceable by {@code control/publicsuffixlist};
 * {@link org.godshell.toaster.dmarc.DmarcRecord} parses a policy record (§6.3, §6.4); {@code PolicyDiscovery}
 * asks DNS (§6.6.3); {@code Judgement} applies alignment and policy (§3.1, §6.6.2, §6.6.4); and
 * {@link org.godshell.toaster.dmarc.Dmarc} is the entry point for one message. The design note {@code dmarc.md}
 * beside the code lists the choices the RFC leaves open.
 *
 * <p>What this package must never do: give a pass on a DNS failure or when time runs out (that is temperror);
 * parse a message or verify a signature (the caller hands it the From domains, the SPF verdict and the DKIM
 * results, as {@link org.godshell.toaster.dmarc.Authors} and {@link org.godshell.toaster.dmarc.DkimCheck}); decide
 * what a {@code reject} does to the message (that is the caller's, from the admin's configuration); send
 * reports; or ask DNS more than twice per author domain.
 */
package org.godshell.toaster.dmarc;
