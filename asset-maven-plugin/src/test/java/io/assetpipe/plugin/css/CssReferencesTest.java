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

    @Test
    void escapedQuotesOutsideStringsStartNoString() {
        // Tailwind's arbitrary values: the \' are part of a class name, not the start of a string.
        String css = ".font-\\[\\'Open_Sans\\'\\]{font-family:'Open Sans'}.bg{background:url(img/after.png)}"
                + ".q-\\\"{}.c{background:url('img/c.png')}";
        assertEquals(List.of("img/after.png|", "img/c.png|"), paths(css));
    }

    @Test
    void minifiedImportAndImageSetTypesAreReadAsBrowsersDo() {
        assertEquals(List.of("x.css|", "y.css|"), paths("@import\"x.css\";@import'y.css' screen;a{}"));
        // type() names a MIME type, not a file.
        assertEquals(List.of("a.avif|", "a.png|"),
                paths(".m{background:image-set(\"a.avif\" type(\"image/avif\") 1x, \"a.png\" type( 'image/png' ) 1x)}"));
    }

    @Test
    void aSourceMapCommentIsAReferenceMarkedAsOne() {
        String css = "a{color:red}/* not a map: url(in-comment.png) */\n/*# sourceMappingURL=site.min.css.map */\n";
        List<CssReferences.Reference> refs = CssReferences.find(css);
        assertEquals(List.of("site.min.css.map|true"),
                refs.stream().map(r -> r.path() + "|" + r.sourceMap()).toList());
        assertEquals("a{color:red}/* not a map: url(in-comment.png) */\n/*# sourceMappingURL=site.min-h.css.map */\n",
                CssReferences.rewrite(css, refs, r -> "site.min-h.css.map"));
        assertEquals(List.of(), paths("a{content:\"/*# sourceMappingURL=x.map */\"}"), "text of a string");
    }

    @Test
    void fragmentAndQueryCharactersInAFileNameAreEncoded() {
        // "c%23.png" names the file c#.png; written back as c#-h.png, the browser would ask for "c".
        String css = "a{background:url(\"../img/c%23.png\")}b{background:url(../img/what%3F.png?v=1)}";
        List<CssReferences.Reference> refs = CssReferences.find(css);
        assertEquals(List.of("../img/c#.png", "../img/what?.png"), refs.stream().map(CssReferences.Reference::path).toList());
        assertEquals("a{background:url(\"../img/c%23-h.png\")}b{background:url(../img/what%3F-h.png?v=1)}",
                CssReferences.rewrite(css, refs, r -> r.path().replaceFirst("\\.(\\w+)$", "-h.$1")));
    }
}
