package io.assetpipe.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny fluent check for messages: {@code Text.that(message).contains("a").contains("b")}. */
public final class Text {
    private final String actual;

    private Text(String actual) {
        this.actual = actual;
    }

    public static Text that(String actual) {
        return new Text(actual);
    }

    public Text contains(String expected) {
        assertTrue(actual != null && actual.contains(expected),
                () -> "expected to contain <" + expected + "> but was <" + actual + ">");
        return this;
    }

    public Text doesNotContain(String unexpected) {
        assertTrue(actual != null && !actual.contains(unexpected),
                () -> "expected not to contain <" + unexpected + "> but was <" + actual + ">");
        return this;
    }
}
