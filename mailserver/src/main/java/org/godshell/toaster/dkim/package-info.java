/**
 * DKIM (RFC 6376, with RFC 8301 and RFC 8463): signing outgoing mail with RSA and Ed25519 keys, verifying every
 * signature of incoming mail, and the key files and DNS records that go with them. A library: the SMTP server,
 * the queue and the {@code toaster} command call it; it knows nothing of them.
 *
 * <p>Entry points: {@link org.godshell.toaster.dkim.Signer} (a message in, DKIM-Signature fields out, as a
 * {@link org.godshell.toaster.dkim.Signing}), {@link org.godshell.toaster.dkim.Verifier} (a message in, one
 * {@link org.godshell.toaster.dkim.DkimVerdict} per signature out), {@link org.godshell.toaster.dkim.KeyFiles}
 * (PEM private keys: generate, read, write 0600) and {@link org.godshell.toaster.dkim.PublishedKey} (the TXT
 * record to publish, and whether DNS publishes it). The design and its limits are in {@code dkim.md} here.
 *
 * <p>Split by job: {@code TagList} parses the tag=value grammar of signatures and key records (§3.2),
 * {@code Message} splits header fields and body, {@code Canonicalization} and {@code BodyHash} canonicalize
 * (§3.4), {@code HeaderHash} builds what is signed (§3.7), {@code SignatureTags} and {@code KeyRecord} check
 * a signature's tags and a key record, {@code KeyLookup} fetches keys through the toaster's resolver, and
 * {@code SignatureCheck} verifies one signature (§6.1).
 *
 * <p>ARC (RFC 8617, package {@code arc}) is built of DKIM's parts: its ARC-Message-Signature is a DKIM signature
 * with other tags, its ARC-Seal a signature of header fields only. So these are public for it, and for nothing
 * else: {@code Message} and {@code HeaderField} (the header as read), {@code TagList}, {@code SignatureTags} with
 * its {@code Form}s, {@code SignatureCheck} ({@code run} and {@code overFields}), {@code KeyLookup},
 * {@code BodyHashes}, {@code SignedFields}, {@code SignatureField} (writes and signs a field of any of the three
 * kinds), {@code Names.domain} and {@code DkimError}. The rest stays inside.
 *
 * <p>It must never: let an exception from hostile input escape (a bad signature or key record is a verdict, a
 * bad message a refusal); pass a signature whose key could not be fetched (a DNS failure is a temperror);
 * verify without bounds (sizes of fields, records and keys, and the number of signatures, are capped); sign
 * with {@code l=}; judge alignment with From, which is DMARC's job; or write a key readable by anyone but its
 * owner.
 */
package org.godshell.toaster.dkim;
