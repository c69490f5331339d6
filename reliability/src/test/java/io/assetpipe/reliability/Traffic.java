package io.assetpipe.reliability;

import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.harness.Http;
import io.assetpipe.reliability.harness.Wrk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The request mix the load cases send: what browsers ask of an asset origin. */
final class Traffic {
    static final String PREFIX = "/assets";
    /** What current browsers send. */
    static final String BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

    private Traffic() {}

    /**
     * For every current asset: a plain GET, a GET with a browser's Accept-Encoding, a revalidation
     * with the ETag the origin gave (answered 304), and a GET of the logical path.
     */
    static List<Wrk.Request> browserMix(Release release, URI anyOrigin) throws IOException {
        List<Wrk.Request> mix = new ArrayList<>();
        for (Map.Entry<String, io.assetpipe.manifest.AssetEntry> e : release.manifest().assets().entrySet()) {
            String path = PREFIX + "/" + e.getValue().path();
            mix.add(new Wrk.Request(path, Map.of()));
            mix.add(new Wrk.Request(path, Map.of("Accept-Encoding", BROWSER_ACCEPT_ENCODING)));
            HttpResponse<byte[]> first = Http.get(anyOrigin.resolve(path), "Accept-Encoding", BROWSER_ACCEPT_ENCODING);
            String etag = first.headers().firstValue("ETag")
                    .orElseThrow(() -> new AssertionError("no ETag on " + path));
            mix.add(new Wrk.Request(path, Map.of("Accept-Encoding", BROWSER_ACCEPT_ENCODING, "If-None-Match", etag)));
            mix.add(new Wrk.Request(PREFIX + "/" + e.getKey(), Map.of("Accept-Encoding", BROWSER_ACCEPT_ENCODING)));
        }
        return mix;
    }
}
