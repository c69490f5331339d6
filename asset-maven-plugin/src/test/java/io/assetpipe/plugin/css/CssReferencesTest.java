package io.assetpipe.plugin.css;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CssReferencesTest {

    private static List<String> paths(String css) {
        return CssReferences.find(css).stream().map(r -> r.path() + "|" + r.suffix()).toList();
    }

    @Test
    void findsEveryFormOfFileReference() {
        String css = """
                @import "base.css";
                @import url('print.css') print;
                a { background: url(img/a.png); }
                b { background: url( "img/b b.png?x=1" ); }
                @font-face { src: url('f/x.woff2?v=2#iefix') format("woff2"), url(f/x.ttf); }
                c { background-image: image-set("img/c.png" 1x, 'img/c@2x.png' 2x, url(img/c3.png) 3x); }
                """;
        assertEquals(List.of("base.css|", "print.css|", "img/a.png|", "img/b b.png|?x=1", "f/x.woff2|?v=2#iefix",
                "f/x.ttf|", "img/c.png|", "img/c@2x.png|", "img/c3.png|"), paths(css));
    }

    @Test
    void leavesNonFileReferencesAndCommentsAlone() {
        String css = """
                /* url(commented.png) */
                a { background: url(data:image/png;base64,AAAA); }
                b { background: url(https://cdn.example/x.png) url(http://x/y.png) url(//host/z.png); }
                c { filter: url(#shadow); behavior: url(/root.htc); }
                """;
        assertEquals(List.of(), paths(css));
    }

    @Test
    void percentEncodedPathsAreDecodedAndPositionsAreOneBased() {
        List<CssReferences.Reference> refs = CssReferences.find("a{}\n  b { background: url(my%20logo.png) }");
        assertEquals("my logo.png", refs.get(0).path());
        assertEquals(2, refs.get(0).line());
        assertEquals(23, refs.get(0).column());
    }

    @Test
    void rewriteReplacesOnlyThePathAndKeepsQuotesAndSuffix() {
        String css = "a{background:url(\"img/a.png?v=1\")}b{src:url(f.woff2#x)}";
        String out = CssReferences.rewrite(css, CssReferences.find(css), r -> "X/" + r.path());
        assertEquals("a{background:url(\"X/img/a.png?v=1\")}b{src:url(X/f.woff2#x)}", out);
    }

    @Test
    void urlInsideAStringIsTextNotAReference() {
        String css = """
                .i::after { content: "url(not-a-ref.png)"; }
                [data-bg='see url(../img/dot.gif) here'] { background: url(img/real.png); }
                .q { content: "it's \\"url(x.png)\\""; background: url(img/after.png); }
                .u { background: url(img/u.png); } .v { background: url("img/v.png"); }
                """;
        assertEquals(List.of("img/real.png|", "img/after.png|", "img/u.png|", "img/v.png|"), paths(css));
    }

    @Test
    void rewrittenPathsArePercentEncodedWhereCssOrUrlsNeedIt() {
        String css = ".u{background:url(../img/with%20space.gif)}.q{background:url('100%25 (b).png?v=1')}";
        String out = CssReferences.rewrite(css, CssReferences.find(css), r -> r.path().replaceFirst("\\.(\\w+)$", "-h.$1"));
        assertEquals(".u{background:url(../img/with%20space-h.gif)}.q{background:url('100%25%20%28b%29-h.png?v=1')}",
                out);
        assertEquals("caf\u00e9/a-b.png", CssReferences.urlPath("caf\u00e9/a-b.png"), "non-ASCII stays as written");

        String escaped = ".e{background:url(../img/paren\\(1\\).png)}.f{background:url(img/f.png)}";
        List<CssReferences.Reference> refs = CssReferences.find(escaped);
        assertEquals(List.of("../img/paren(1).png", "img/f.png"), refs.stream().map(CssReferences.Reference::path).toList());
        assertEquals(".e{background:url(../img/paren%281%29-h.png)}.f{background:url(img/f-h.png)}",
                CssReferences.rewrite(escaped, refs, r -> r.path().replaceFirst("\\.(\\w+)$", "-h.$1")));
    }
}
