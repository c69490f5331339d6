package io.assetpipe.server;

import io.undertow.util.QValueParser;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the representation to send from {@code Accept-Encoding} (RFC 9110 §12.5.3). Undertow's
 * {@link QValueParser} does the parsing; the rules are ours:
 *
 * <ul>
 *   <li>No header: identity (the RFC allows any coding, but identity is what every cache and old
 *       client understands).
 *   <li>A coding is acceptable if it is listed with q &gt; 0, or not listed and {@code *} has q &gt; 0.
 *   <li>Identity is acceptable unless {@code identity;q=0}, or {@code *;q=0} with no entry for
 *       identity. An empty header means identity only.
 *   <li>Among acceptable representations the highest q wins, then the smallest; an identity that
 *       is acceptable only by default ranks below every listed coding.
 *   <li>Nothing acceptable (identity refused and no listed coding available): {@code null}, and the
 *       handler answers 406, as RFC 9110 §12.5.3 says identity is sent "unless the identity coding
 *       is indicated as unacceptable".
 * </ul>
 */
final class ContentNegotiation {
    /** Rank of an identity that is acceptable only because the header did not mention it. */
    private static final double UNLISTED_IDENTITY = Double.MIN_VALUE;

    private ContentNegotiation() {}

    /**
     * @param acceptEncoding the header's values, or {@code null} when the request has none
     * @param representations identity first, then the variants
     * @return the representation to send, or {@code null} when none is acceptable
     */
    static Representation choose(List<String> acceptEncoding, Representation[] representations) {
        if (acceptEncoding == null) {
            return representations[0];
        }
        Map<String, Double> weights = new HashMap<>();
        // QValueParser sorts by descending q, so putIfAbsent keeps a repeated token's highest q.
        for (List<QValueParser.QValueResult> group : QValueParser.parse(acceptEncoding)) {
            for (QValueParser.QValueResult result : group) {
                weights.putIfAbsent(result.getValue().toLowerCase(Locale.ROOT), weight(result.getQvalue()));
            }
        }
        Double any = weights.get("*");
        Representation best = null;
        double bestWeight = 0;
        for (Representation candidate : representations) {
            Double weight = weights.get(candidate.token());
            if (weight == null) {
                weight = any != null ? any : candidate.encoding() == null ? UNLISTED_IDENTITY : 0;
            }
            if (weight > 0 && (best == null || weight > bestWeight
                    || weight == bestWeight && candidate.length() < best.length())) {
                best = candidate;
                bestWeight = weight;
            }
        }
        return best;
    }

    /** RFC 9110 §12.4.2 qvalue; an unparseable one counts as 1, as Undertow treats it. */
    private static double weight(String qvalue) {
        try {
            double q = Double.parseDouble(qvalue);
            return Double.isNaN(q) ? 0 : Math.max(0, Math.min(1, q));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
