/**
 * Memo keys and fingerprints: values written field by field into a SHA-256, in an encoding where distinct
 * values give distinct bytes.
 *
 * <p>A key must change whenever what is made from its value could change, or an incremental build keeps a stale
 * file. So nothing here trusts {@code toString}, which may leave a field out: a type is keyed only when every one
 * of its fields is written, and any other type is refused ({@link org.godshell.toaster.site.key.KeyWriter}).
 * This package depends on nothing else of the site.
 */
package org.godshell.toaster.site.key;
