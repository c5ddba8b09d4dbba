/**
 * Each domain's DKIM keys on disk and their life: made ({@code keygen}), rotated (a new pair published first,
 * {@code pending}, then {@code active} once the admin sees its DNS record live, the old pair {@code retired} but
 * still published), and removed. The admin's {@code toaster dkim} commands edit through
 * {@link org.godshell.toaster.dkim.keys.DkimKeys}; the signing step asks
 * {@link org.godshell.toaster.dkim.keys.DomainKeys#signingKeys} once per message.
 *
 * <p>Layout: {@code domains/DOMAIN/.dkim/} (mode 0700), a dot name because a user's directory
 * ({@code domains/DOMAIN/USER/}) never starts with a dot, so no user can own it, and {@code toaster domain remove}
 * moves it aside with the rest of the domain. In it, {@code selectors} ({@link
 * org.godshell.toaster.dkim.keys.SelectorsFile}: which selector is in which state) and {@code SELECTOR.pem} per
 * key (PKCS#8 PEM, 0600, {@code dkim.KeyFiles}), all owned like the rest of {@code domains/}. Selectors are one
 * DNS label named by day and algorithm ({@link org.godshell.toaster.dkim.keys.SelectorNames}).
 *
 * <p>It must never: write a key readable by anyone but its owner, or leave a line in {@code selectors} whose key
 * file is not written yet (key files first, the selectors file last, atomically: the commit point); turn a
 * domain or selector name into a path before it passed its check (a dot, a slash or {@code ..} never reach the
 * file system), or follow a link in the key directory; sign with a half-read key list (a bad {@code selectors}
 * line makes the whole file unusable); throw at the signing step for a file broken after a good read (it keeps
 * the last good keys and logs once); check DNS itself, which is the {@code toaster dkim} command's job.
 */
package org.godshell.toaster.dkim.keys;
