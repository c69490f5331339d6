package io.assetpipe.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny fluent check for messages: {@code Text.that(message).contains("a").contains("b")}. */
final class Text {
    private final String actual;

    private Text(String actual) {
        this.actual = actual;
    }

    static Text that(String actual) {
        return new Text(actual);
    }

    Text contains(String expected) {
        assertTrue(actual != null && actual.contains(expected),
                () -> "expected to contain <" + expected + "> but was <" + actual + ">");
        return this;
    }

    Text doesNotContain(String unexpected) {
        assertTrue(actual != null && !actual.contains(unexpected),
                () -> "expected not to contain <" + unexpected + "> but was <" + actual + ">");
        return this;
    }
}
