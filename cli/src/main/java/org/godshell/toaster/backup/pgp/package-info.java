/**
 * OpenPGP (RFC 4880) encryption of backup archives to the admin's gpg key, and decryption with the matching secret
 * key, with Bouncy Castle's bcpg: {@link org.godshell.toaster.backup.pgp.OpenPgpEncryption} is the whole API.
 *
 * <p>Messages are written the way GnuPG 2.2 (Debian 12) reads them: a public-key encrypted session key per
 * recipient, AES-256 in a Symmetrically Encrypted Integrity Protected Data packet with its Modification Detection
 * Code (RFC 4880 §5.13), a binary literal data packet, no compression (the archive is gzip'd already). Both sides
 * stream, in constant memory, whatever the size.
 *
 * <p>It must never hand out decrypted bytes of a message whose integrity it cannot check: messages without an MDC
 * are refused, and a mismatch or truncation is an {@link java.io.IOException} at the end of the stream, so a
 * reader must not trust (commit) what it read until it has read to the end. It never asks for a passphrase itself,
 * keeps no key beyond a call, and runs no program.
 */
package org.godshell.toaster.backup.pgp;
