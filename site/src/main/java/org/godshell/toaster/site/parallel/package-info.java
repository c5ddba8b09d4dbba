/**
 * Running a build's independent pieces of work at the same time: rendering pages, laying out files, writing and
 * linking them.
 *
 * <p>Work runs on virtual threads with a bound on how many run at once; results come back in the order of the
 * items, so a build stays deterministic. This package must never share mutable state between the pieces of
 * work it runs, nor swallow a failure.
 */
package org.godshell.toaster.site.parallel;
