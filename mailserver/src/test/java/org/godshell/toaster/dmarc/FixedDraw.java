package org.godshell.toaster.dmarc;

import java.util.random.RandomGenerator;

/** A random source whose every draw below a bound is the same number: a test decides where pct= falls. */
record FixedDraw(int value) implements RandomGenerator {

    @Override
    public int nextInt(int bound) {
        if (value >= bound) {
            throw new IllegalArgumentException(value + " is not below " + bound);
        }
        return value;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("DMARC draws with nextInt(100) only");
    }
}
