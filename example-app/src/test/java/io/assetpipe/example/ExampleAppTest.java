package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExampleAppTest {
    @Test
    void portAcceptsZeroForAnyFreePort() {
        assertEquals(0, ExampleApp.port("0"));
        assertEquals(8080, ExampleApp.port("8080"));
    }

    @Test
    void aBadPortIsNamedInTheError() {
        assertEquals("PORT must be a number from 0 to 65535, not \"80a\"",
                assertThrows(IllegalArgumentException.class, () -> ExampleApp.port("80a")).getMessage());
        assertEquals("PORT must be a number from 0 to 65535, not \"65536\"",
                assertThrows(IllegalArgumentException.class, () -> ExampleApp.port("65536")).getMessage());
    }
}
