package io.assetpipe.http;

import java.util.List;
import java.util.Objects;

/**
 * The settings of {@link AssetResponses}, for a container adapter's builder to extend
 * ({@code AssetHandler.Builder}, {@code AssetServlet.Builder}): a setting added to the core is
 * then offered by every adapter alike.
 *
 * @param <B> the adapter's builder, returned by each setting for chaining
 */
public abstract class AdapterBuilder<B extends AdapterBuilder<B>> {
    private final AssetResponses.Builder responses;

    protected AdapterBuilder(AssetBundle bundle) {
        this.responses = AssetResponses.builder(Objects.requireNonNull(bundle, "bundle"));
    }

    /** See {@link AssetResponses.Builder#prefix}. */
    public B prefix(String prefix) {
        responses.prefix(prefix);
        return self();
    }

    /** See {@link AssetResponses.Builder#logicalPaths}. */
    public B logicalPaths(LogicalPathPolicy policy) {
        responses.logicalPaths(policy);
        return self();
    }

    /** See {@link AssetResponses.Builder#corsOrigin}. */
    public B corsOrigin(String origin) {
        responses.corsOrigin(origin);
        return self();
    }

    /** See {@link AssetResponses.Builder#corsAllowedHeaders}. */
    public B corsAllowedHeaders(List<String> names) {
        responses.corsAllowedHeaders(names);
        return self();
    }

    /** The core, with the settings given so far. */
    protected AssetResponses responses() {
        return responses.build();
    }

    @SuppressWarnings("unchecked") // B is the subclass by the type parameter's contract
    private B self() {
        return (B) this;
    }
}
