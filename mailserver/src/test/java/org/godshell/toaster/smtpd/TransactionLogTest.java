package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The log's formatting shortcuts print what the general ones did. */
class TransactionLogTest {

    @Test
    void hundredthsPrintAsPercentPointTwoF() {
        for (double millis : new double[] {0, 0.004, 0.005, 0.05, 0.1, 0.994, 0.995, 1, 9.99, 10.01, 73.64, 99.999,
                123456.78}) {
            assertEquals(String.format(Locale.ROOT, "%.2f", millis), TransactionLog.hundredths(millis),
                    "for " + millis);
        }
    }
}
