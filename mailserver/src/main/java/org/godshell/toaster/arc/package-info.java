/**
 * ARC, the Authenticated Received Chain (RFC 8617): verifying the chain of seals on an arriving message, so a
 * local policy can let a forwarder it trusts (a mailing list, a forwarding provider) vouch for a message whose
 * DMARC check broke on the way; and adding our own seal to a message we forward to another provider, so our
 * forwarding no longer breaks DMARC there. A library: the SMTP server and the delivery code call it; it knows
 * nothing of them.
 *
 * <p>Entry points: {@link org.godshell.toaster.arc.ChainVerifier} (a message in, a
 * {@link org.godshell.toaster.arc.ChainVerdict} out: none, pass, fail or temperror, the oldest passing instance
 * and who sealed each set) and {@link org.godshell.toaster.arc.Sealer} (a message, our results and the verdict
 * on arrival in, our ARC set out as a {@link org.godshell.toaster.arc.Sealing}). The design, the choices and
 * the limits are in {@code arc.md} here.
 *
 * <p>Split by job: {@code Instance} reads the {@code i=} of each ARC field, {@code ChainReader} groups the
 * fields into sets and checks their structure (§5.2 steps 1 to 3) into a {@code Chain}, {@code Validation}
 * verifies the signatures (steps 4 to 6) within a {@code KeyBudget}, and {@code SealPlan} decides the instance
 * and {@code cv=} of our set (§5.1). Every signature is DKIM's: parsed, hashed, signed and verified by package
 * {@code dkim}, whose parts this package reuses rather than copies.
 *
 * <p>It must never: call a chain a pass when a key could not be fetched (that is a temperror); let an exception
 * from hostile input escape (a malformed chain is a fail with its reason); read or verify without bounds (sets,
 * field sizes and keys fetched are capped); add a set after a seal that says {@code cv=fail}, past 50 sets, or
 * on a verdict that is a temperror or not of the message; decide which sealers to trust (that is the local
 * policy's, given the verdict); or touch the message it is given (the caller puts our fields on top).
 */
package org.godshell.toaster.arc;
