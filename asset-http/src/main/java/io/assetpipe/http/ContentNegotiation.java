package io.assetpipe.http;

import io.assetpipe.manifest.ContentEncoding;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the representation to send from {@code Accept-Encoding} (RFC 9110 §12.5.3):
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
 *
 * <p>Clients send a handful of distinct header values (one per browser family and version, one
 * per CDN), so the parsed {@link Weights} are remembered per value: on the request path a choice
 * is then a map lookup and a loop over at most four representations, with nothing allocated.
 */
final class ContentNegotiation {
    /** Rank of an identity that is acceptable only because the header did not mention it. */
    private static final double UNLISTED_IDENTITY = Double.MIN_VALUE;
    /** Distinct values remembered; past that the memo starts over, so odd values cannot grow it. */
    static final int MEMO_SIZE = 64;
    /** Longer values (browsers send under 40 characters) are parsed each time rather than kept. */
    static final int MEMO_MAX_LENGTH = 128;
    private static final Map<String, Weights> MEMO = new ConcurrentHashMap<>();

    private ContentNegotiation() {}

    /**
     * @param acceptEncoding the header's values, or {@code null} when the request has none
     * @param representations identity first, then the variants
     * @return the representation to send, or {@code null} when none is acceptable
     */
    static Representation choose(List<String> acceptEncoding, Representation[] representations) {
        return acceptEncoding == null ? representations[0] : best(weights(acceptEncoding), representations);
    }

    static Representation best(Weights weights, Representation[] representations) {
        Representation chosen = null;
        double chosenWeight = 0;
        for (Representation candidate : representations) {
            double weight = weights.of(candidate.encoding());
            if (weight > 0 && (chosen == null || weight > chosenWeight
                    || weight == chosenWeight && candidate.length() < chosen.length())) {
                chosen = candidate;
                chosenWeight = weight;
            }
        }
        return chosen;
    }

    /** The weights of the header's values (one field, as nearly every client sends, is memoised). */
    static Weights weights(List<String> acceptEncoding) {
        if (acceptEncoding.size() != 1 || acceptEncoding.get(0).length() > MEMO_MAX_LENGTH) {
            return Weights.parse(acceptEncoding);
        }
        String value = acceptEncoding.get(0);
        Weights weights = MEMO.get(value);
        if (weights == null) {
            weights = Weights.parse(acceptEncoding);
            if (MEMO.size() >= MEMO_SIZE) {
                MEMO.clear();
            }
            MEMO.put(value, weights);
        }
        return weights;
    }

    /**
     * What one {@code Accept-Encoding} header says about the codings this server can send: the
     * effective weight of identity and of each {@link ContentEncoding}, the rules above applied.
     */
    static final class Weights {
        private final double identity;
        private final double[] encodings; // by ContentEncoding.ordinal()

        private Weights(double identity, double[] encodings) {
            this.identity = identity;
            this.encodings = encodings;
        }

        double of(ContentEncoding encoding) {
            return encoding == null ? identity : encodings[encoding.ordinal()];
        }

        static Weights parse(List<String> acceptEncoding) {
            Map<String, Double> listed = new HashMap<>();
            for (String field : acceptEncoding) {
                for (String member : field.split(",")) {
                    listMember(member, listed);
                }
            }
            Double any = listed.get("*");
            double[] encodings = new double[ContentEncoding.values().length];
            Arrays.fill(encodings, any != null ? any : 0);
            for (ContentEncoding encoding : ContentEncoding.values()) {
                Double weight = listed.get(encoding.token());
                if (weight != null) {
                    encodings[encoding.ordinal()] = weight;
                }
            }
            Double identity = listed.get("identity");
            return new Weights(identity != null ? identity : any != null ? any : UNLISTED_IDENTITY, encodings);
        }

        /**
         * One {@code codings [ weight ]} member: a repeated coding keeps its highest q; parameters
         * other than {@code q} are ignored; an empty member is skipped (RFC 9110 §5.6.1).
         */
        private static void listMember(String member, Map<String, Double> listed) {
            int semicolon = member.indexOf(';');
            String coding = (semicolon < 0 ? member : member.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty()) {
                return;
            }
            double q = 1;
            if (semicolon >= 0) {
                for (String parameter : member.substring(semicolon + 1).split(";")) {
                    String[] nameValue = parameter.split("=", 2);
                    if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("q")) {
                        q = weight(nameValue[1].trim());
                    }
                }
            }
            listed.merge(coding, q, Math::max);
        }

        /** RFC 9110 §12.4.2 qvalue, clamped to 0..1; an unparseable one counts as 1, as Undertow counted it. */
        private static double weight(String qvalue) {
            try {
                double q = Double.parseDouble(qvalue);
                return Double.isNaN(q) ? 0 : Math.max(0, Math.min(1, q));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
    }
}
