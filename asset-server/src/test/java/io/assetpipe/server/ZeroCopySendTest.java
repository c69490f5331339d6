package io.assetpipe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZeroCopySendTest {
    /** Where a jar's entry data starts is wherever the entries before it ended: any offset. */
    @Test
    void theFilesPartStartsOnAPageAndMemoryCarriesAtLeastWhatWasAskedAndLessThanAPageMore() {
        long[] positions = {0, 1, 4095, 4096, 4097, 887_478, 3_758_454, 5L * 1024 * 1024 * 1024 + 17};
        int[] leasts = {1, 1024, 16 * 1024};
        for (long position : positions) {
            for (int least : leasts) {
                int first = ZeroCopySend.firstBytes(position, least);
                String at = "region at " + position + ", at least " + least + ": " + first;
                assertEquals(0, (position + first) % ZeroCopySend.PAGE, at);
                assertTrue(first >= least && first < least + ZeroCopySend.PAGE, at);
            }
        }
    }

    @Test
    void aRegionThatEndsTheLeastOnAPageTakesNoMore() {
        assertEquals(1, ZeroCopySend.firstBytes(4095, 1));
        assertEquals(16 * 1024, ZeroCopySend.firstBytes(8192, 16 * 1024));
        assertEquals(1354, ZeroCopySend.firstBytes(887_478, 1)); // the bench stylesheet's offset
    }
}
