vcl 4.1;
# Varnish as a CDN edge (or a self-hosted one) in front of the asset origins (HAProxy or the Service).
# Start varnishd with -p http_gzip_support=off: the origin already negotiates br/zstd/gzip and answers
# with Vary: Accept-Encoding; Varnish's own gzip handling would ask the origin for gzip only.
# See deploy/cdn.md for the reasoning. The reliability suite runs this file, with only the backend
# port rewritten.

import std;

backend origin {
    .host = "127.0.0.1";
    .port = "8080";
    # Readiness of the origin tier; when it is sick, stale copies are served (see vcl_recv).
    .probe = {
        .request = "GET /readyz HTTP/1.1" "Host: origin" "Connection: close";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

sub vcl_recv {
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Health endpoints belong to each origin instance, never to the edge cache.
    if (req.url ~ "^/(healthz|readyz)$") {
        return (pass);
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
    # While the origin tier is healthy, never serve stale content; when it is down, serve what we
    # have (grace) rather than an error.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Cache-Control ~ "immutable") {
        # Fingerprinted URL: the content behind it never changes, the origin says max-age=1 year.
        # Keep it beyond its TTL in case every origin is down.
        set beresp.grace = 7d;
        set beresp.keep = 7d;
        return (deliver);
    }
    if (beresp.status == 200 && beresp.http.Cache-Control ~ "no-cache") {
        # Logical path (css/app.css): cacheable but revalidated on every request (If-None-Match with
        # the kept ETag), so a deploy shows at once; served stale only while the origin is down.
        # 1 ms rather than 0 s: Varnish never finds an object whose TTL is 0 again, not even in grace.
        set beresp.ttl = 1ms;
        set beresp.grace = 1d;
        set beresp.keep = 1d;
        return (deliver);
    }
    # Errors (404 for an unknown URL, 503 while draining) are cached briefly or not at all.
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.status == 404) {
        set beresp.ttl = 10s;
        return (deliver);
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
