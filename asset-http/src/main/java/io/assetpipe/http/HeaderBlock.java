package io.assetpipe.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of response header fields, built once at start-up and applied per request with no
 * string building: an adapter walks it by index.
 */
public final class HeaderBlock {
    static final HeaderBlock EMPTY = builder().build();

    private final HeaderField[] names;
    private final String[] values;

    private HeaderBlock(HeaderField[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    public int size() {
        return names.length;
    }

    public HeaderField name(int index) {
        return names[index];
    }

    public String value(int index) {
        return values[index];
    }

    /** The value of {@code field}, or {@code null}; for tests and tools, not the request path. */
    public String get(HeaderField field) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == field) {
                return values[i];
            }
        }
        return null;
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final List<HeaderField> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        /** Adds the field unless {@code value} is {@code null}. */
        Builder add(HeaderField name, String value) {
            if (value != null) {
                names.add(name);
                values.add(value);
            }
            return this;
        }

        HeaderBlock build() {
            return new HeaderBlock(names.toArray(HeaderField[]::new), values.toArray(String[]::new));
        }
    }
}
