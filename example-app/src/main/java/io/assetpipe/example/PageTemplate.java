package io.assetpipe.example;

import io.assetpipe.http.AssetUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page whose asset references are placeholders filled from the bundle's manifest:
 * {@code {{url images/logo.svg}}}, {@code {{stylesheet css/app.css}}} and
 * {@code {{script js/app.js}}}. The tags for stylesheets and scripts are written here, not by hand
 * in the HTML, so every one of them carries the fingerprinted URL, its {@code integrity} and
 * {@code crossorigin="anonymous"} (which SRI needs once the assets move to a CDN host).
 */
final class PageTemplate {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*(url|stylesheet|script)\\s+([^\\s}]+)\\s*}}");

    private PageTemplate() {}

    /** Renders the template resource {@code name} next to this class. */
    static String render(String name, AssetUrls urls) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("page template " + name + " is not on the classpath");
            }
            return render(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), urls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read page template " + name, e);
        }
    }

    static String render(String name, String template, AssetUrls urls) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 1024);
        while (placeholder.find()) {
            String tag;
            try {
                tag = tag(placeholder.group(1), placeholder.group(2), urls);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        name + ":" + line(template, placeholder.start()) + ": " + e.getMessage(), e);
            }
            placeholder.appendReplacement(html, Matcher.quoteReplacement(tag));
        }
        placeholder.appendTail(html);
        int stray = html.indexOf("{{");
        if (stray >= 0) {
            throw new IllegalStateException(name + ":" + line(html, stray) + ": unknown placeholder "
                    + html.substring(stray, Math.min(html.length(), html.indexOf("}}", stray) + 2))
                    + " (expected {{url|stylesheet|script <logical path>}})");
        }
        return html.toString();
    }

    private static String tag(String kind, String logicalPath, AssetUrls urls) {
        String url = attribute(urls.url(logicalPath));
        return switch (kind) {
            case "url" -> url;
            case "stylesheet" -> "<link rel=\"stylesheet\" href=\"" + url + "\" integrity=\""
                    + attribute(urls.integrity(logicalPath)) + "\" crossorigin=\"anonymous\">";
            // asset:build bundles the ES module graph into one classic script; defer runs it once the
            // document is parsed, without blocking rendering.
            case "script" -> "<script defer src=\"" + url + "\" integrity=\""
                    + attribute(urls.integrity(logicalPath)) + "\" crossorigin=\"anonymous\"></script>";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Manifest paths are restricted but may still hold characters that end an attribute. */
    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static int line(CharSequence text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
