package io.assetpipe.example;

import java.util.Map;

/**
 * One request as the DevTools Network domain reported it.
 *
 * @param type DevTools resource type: Document, Stylesheet, Script, Font, Image, ...
 * @param status the status the page saw (a revalidated 304 shows as the cached 200)
 * @param wireStatus the status that came over the network ({@code responseReceivedExtraInfo}), or
 *     0 when nothing did because the browser's cache answered
 * @param fromCache answered by the memory or disk cache without contacting the server
 * @param failure the error text of a failed load, or null
 */
record NetworkRequest(String url, String type, int status, int wireStatus, boolean fromCache,
        String failure) {

    String path() {
        return url.replaceFirst("^https?://[^/]+", "");
    }

    @Override
    public String toString() {
        return type + " " + path() + " status=" + status + " wire=" + wireStatus
                + (fromCache ? " from-cache" : "") + (failure == null ? "" : " FAILED " + failure);
    }

    static final class Builder {
        private String url = "";
        private String type = "";
        private int status;
        private int wireStatus;
        private boolean fromCache;
        private String failure;

        Builder(String id) {}

        void sent(Map<String, Object> params) {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = (Map<String, Object>) params.get("request");
            url = String.valueOf(request.get("url"));
            type = String.valueOf(params.getOrDefault("type", ""));
        }

        void event(String method, Map<String, Object> params) {
            switch (method) {
                case "Network.requestServedFromCache" -> fromCache = true;
                case "Network.responseReceived" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> response = (Map<String, Object>) params.get("response");
                    status = ((Number) response.get("status")).intValue();
                    fromCache |= Boolean.TRUE.equals(response.get("fromDiskCache"))
                            || Boolean.TRUE.equals(response.get("fromPrefetchCache"));
                    type = String.valueOf(params.getOrDefault("type", type));
                }
                case "Network.responseReceivedExtraInfo" ->
                        wireStatus = ((Number) params.get("statusCode")).intValue();
                case "Network.loadingFailed" -> failure = params.get("errorText")
                        + (params.get("blockedReason") == null ? "" : " (" + params.get("blockedReason")
                        + ")");
                default -> { }
            }
        }

        NetworkRequest build() {
            return new NetworkRequest(url, type, status, wireStatus, fromCache, failure);
        }
    }
}
