package io.assetpipe.plugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlPageTest {
    private static final String HOSTILE = "</script><script>alert(1)</script><!--";

    private static BuildReport report(String reason) {
        return BuildReport.of("com.example:shop:1.5.0", new TestReports().asset("js/app.js", 100, 0, 0).manifest(),
                new Metafile(Map.of(), Map.of()), new PreviousRelease.Unavailable(reason));
    }

    @Test
    void textFromOutsideStaysDataInsideTheScriptElement() throws Exception {
        String html = HtmlPage.html(report(HOSTILE));

        assertFalse(html.contains("<script>alert"), "the reason ended the data element early");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(data.find());
        JsonNode json = new ObjectMapper().readTree(data.group(1));
        assertEquals(HOSTILE, json.path("previous").path("unavailable").asText(), "and reads back as it was");
    }

    @Test
    void thePageLoadsNothingAndItsPolicyForbidsLoadingAnything() {
        String html = HtmlPage.html(report("first release"));

        assertFalse(Pattern.compile("\\ssrc=").matcher(html).find(), "no element loads a file");
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (href.find()) {
            assertTrue(href.group(1).startsWith("data:"), href.group());
        }
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';"
                + " img-src data:\""), "Content-Security-Policy");
    }
}
