vcl 4.1;
# Varnish as a CDN edge (or a self-hosted one) in front of the asset-server instances.
# Start varnishd with -p http_gzip_support=off: the origin already negotiates br/zstd/gzip and answers
# with Vary: Accept-Encoding; Varnish's own gzip handling would ask the origin for gzip only.
# See deploy/cdn.md for the reasoning. The reliability suite runs this file with only the backend
# addresses rewritten (CdnIT).
#
# Origins: one backend block per instance (or per balancer in front of several), each added to the
# director in vcl_init. Every instance serves the same bytes, so any of them may answer any request.

import directors;

# Readiness of an instance: /readyz turns 503 as soon as it is told to shut down.
probe readyz {
    .request = "GET /readyz HTTP/1.1" "Host: origin" "Connection: close";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend origin1 {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .probe = readyz;
}

backend origin2 {
    .host = "127.0.0.1";
    .port = "8082";
    .connect_timeout = 2s;
    .probe = readyz;
}

sub vcl_init {
    new origins = directors.round_robin();
    origins.add_backend(origin1);
    origins.add_backend(origin2);
}

sub vcl_recv {
    set req.backend_hint = origins.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Health endpoints belong to each origin instance, never to the edge cache.
    if (req.url ~ "^/(healthz|readyz)(\?|$)") {
        return (pass);
    }
    # The origin ignores query strings (a fingerprinted URL names its bytes), so a query would only
    # split the cache, or bypass it entirely with a random one (?x=123): drop it.
    if (req.url ~ "^/assets/") {
        set req.url = regsub(req.url, "\?.*$", "");
    }
    # Assets carry no user state: never vary on cookies or authorization.
    unset req.http.Cookie;
    unset req.http.Authorization;
    # Normalise Accept-Encoding to the codings the origin can send, in a fixed order, so Vary:
    # Accept-Encoding splits a URL into at most 8 objects instead of one per browser's spelling of
    # the header; the origin still makes the choice among them.
    set req.http.X-Codings = "";
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|;|$)" && req.http.Accept-Encoding !~ "(?i)(^|,)\s*br\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Codings = req.http.X-Codings + ", br";
    }
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*gzip\s*(,|;|$)" && req.http.Accept-Encoding !~ "(?i)(^|,)\s*gzip\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Codings = req.http.X-Codings + ", gzip";
    }
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*zstd\s*(,|;|$)" && req.http.Accept-Encoding !~ "(?i)(^|,)\s*zstd\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Codings = req.http.X-Codings + ", zstd";
    }
    if (req.http.X-Codings == "") {
        unset req.http.Accept-Encoding;
    } else {
        set req.http.Accept-Encoding = regsub(req.http.X-Codings, "^, ", "");
    }
    unset req.http.X-Codings;
    # A stored copy past its TTL is served only when fetching a fresh one failed (stale-if-error,
    # below), never instead of asking the origin: logical paths are revalidated on every request.
    if (req.restarts == 0) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_backend_fetch {
    # A retry goes to the next origin in the rotation.
    set bereq.backend = origins.backend();
}

sub vcl_backend_error {
    # No answer (connection refused or reset, time-out): GET and HEAD are idempotent, try another
    # origin; once every attempt failed, leave the stored copy in place (abandon) for vcl_synth.
    if (bereq.retries < 2) {
        return (retry);
    }
    return (abandon);
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        # 503 from a draining instance, or any server error: another origin, then the stored copy.
        if (bereq.retries < 2) {
            return (retry);
        }
        return (abandon);
    }
    if (beresp.http.Cache-Control ~ "immutable") {
        # Fingerprinted URL: the content behind it never changes, the origin says max-age=1 year.
        # Keep it beyond its TTL in case every origin is down.
        set beresp.grace = 7d;
        set beresp.keep = 7d;
        return (deliver);
    }
    if (beresp.status == 200 && beresp.http.Cache-Control ~ "no-cache") {
        # Logical path (css/app.css): cacheable but revalidated on every request (If-None-Match with
        # the kept ETag), so a deploy shows at once; served stale only when the origins fail.
        # 1 ms rather than 0 s: Varnish never finds an object whose TTL is 0 again, not even in grace.
        set beresp.ttl = 1ms;
        set beresp.grace = 1d;
        set beresp.keep = 1d;
        return (deliver);
    }
    # Unknown URLs (404) are cached briefly: one that is 404 during a rolling deploy must not stick.
    if (beresp.status == 404) {
        set beresp.ttl = 10s;
        return (deliver);
    }
}

sub vcl_synth {
    # The fetch was abandoned (every origin failed): look again, this time accepting a copy past
    # its TTL. Stale-if-error from the first failure, without waiting for the probes to mark the
    # origins sick; a URL never stored still gets the 503.
    if (resp.status == 503 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD")) {
        set req.grace = 1d;
        return (restart);
    }
}

sub vcl_deliver {
    # Operators (and the reliability suite) see whether the edge answered from cache.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
