package org.godshell.toaster.site.source;

import org.godshell.toaster.site.key.Fingerprinted;
import org.godshell.toaster.site.key.KeyWriter;

/**
 * The sizes a build accepts. A page over {@code maxPageBytes} is listed with an error notice instead of its text;
 * another file over {@code maxFileBytes} is skipped; a tree with more than {@code maxFiles} entries is refused
 * past that count. Markdown nested deeper than {@code maxNesting} levels, or taking longer than
 * {@code renderMillis} to render, shows an error notice instead of its rendering.
 */
public record Limits(long maxPageBytes, long maxFileBytes, int maxFiles, int maxNesting, long renderMillis)
        implements Fingerprinted {

    /** 1 MiB pages, 10 MiB attachments, 20,000 files, 100 levels, 10 s per page. */
    public static final Limits DEFAULT = new Limits(1L << 20, 10L << 20, 20_000, 100, 10_000);

    public Limits {
        if (maxPageBytes <= 0 || maxFileBytes <= 0 || maxFiles <= 0 || maxNesting <= 0 || renderMillis <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    @Override
    public void fingerprint(KeyWriter key) {
        key.number(maxPageBytes).number(maxFileBytes).number(maxFiles).number(maxNesting).number(renderMillis);
    }
}
