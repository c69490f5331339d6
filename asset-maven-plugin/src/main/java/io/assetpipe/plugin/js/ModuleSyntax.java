package io.assetpipe.plugin.js;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The module requests of a script — static ({@code import … from "x"}, {@code import "x"},
 * {@code export … from "x"}), CommonJS {@code require("x")} calls and {@code import("x")} with a
 * string — whether it is an ES module at all, and whether it uses CommonJS.
 *
 * <p>A tokenizer, not a parser: it knows just enough JavaScript to tell where each token starts —
 * comments, string and template literals (with their {@code ${…}} parts), regular-expression
 * literals — so that a minified module (every statement on one line, {@code import{a}from"x"}) is
 * read right, and {@code import} inside a string, a template or a comment is not taken for one.
 * Closure Compiler's own parser would know more, but in the build's JVM it costs ~0.4 s to load and
 * ~3 s per MB of library code before its JIT warms up (measured on date-fns' 300 ES files), for
 * the one thing needed here.
 *
 * <p>Where a {@code /} starts a regular expression rather than a division is decided by the token
 * before it, as tokenizers without a grammar do: after a value ({@code x}, {@code 1}, {@code )},
 * {@code ]}, a string) it divides, after an operator, a keyword like {@code return} or a block's
 * {@code }} it starts a literal.
 *
 * <p>Without scopes, a {@code require} is taken for CommonJS's own unless the file binds the name
 * itself somewhere ({@code function(require, module, exports)} in a browserify bundle,
 * {@code var require = …}): then {@link Scan#ownRequire()} is set and its calls are not the
 * module system's.
 */
final class ModuleSyntax {
    /** What a request is: which statement or call asked for the module. */
    enum Kind {
        /** {@code import … from "x"} or {@code import "x"}. */
        IMPORT,
        /** {@code export { a, b as c } from "x"}. */
        EXPORT_NAMED,
        /** {@code export * from "x"}. */
        EXPORT_ALL,
        /** {@code export * as ns from "x"} (ES2020, which Closure Compiler v20260128 does not parse). */
        EXPORT_ALL_AS,
        /** CommonJS {@code require("x")}. */
        REQUIRE,
        /** {@code import("x")}. */
        DYNAMIC_IMPORT
    }

    /**
     * One request: the specifier as written and where it sits in the code (inside the quotes).
     *
     * @param names for {@code IMPORT}, the names it imports ({@code default} for a default import,
     *     {@code *} for a namespace); for {@code EXPORT_NAMED}, the names it re-exports as the
     *     module calls them; for {@code EXPORT_ALL_AS}, the namespace's exported name
     * @param spanStart where the text a rewrite replaces starts, or -1: for a namespace import the
     *     {@code * as ns} part, for {@code EXPORT_ALL_AS} the whole statement up to the closing
     *     quote, for {@code REQUIRE} and {@code DYNAMIC_IMPORT} the whole call
     * @param guarded whether it sits inside a {@code try} block (a {@code require} that may fail)
     */
    record Request(String specifier, int start, int end, Kind kind, List<String> names, int spanStart, int spanEnd,
                   boolean guarded) {
        Request {
            names = List.copyOf(names);
        }

        /** Whether it binds names or only runs the module ({@code import "x"}). */
        boolean bindings() {
            return kind != Kind.IMPORT || !names.isEmpty();
        }
    }

    /**
     * What the scan found.
     *
     * @param requests the static requests in source order
     * @param module whether any import or export declaration exists
     * @param requires the {@code require("x")} calls with a string, in source order
     * @param dynamicImports the {@code import("x")} calls with a string, in source order
     * @param commonJs whether it uses CommonJS: {@code module.exports}, {@code exports.x}, a
     *     {@code typeof module} or {@code typeof exports} test (UMD), or a {@code require("x")} call
     * @param ownRequire whether the file binds the name {@code require} itself (see above)
     */
    record Scan(List<Request> requests, boolean module, List<Request> requires, List<Request> dynamicImports,
                boolean commonJs, boolean ownRequire) {

        /**
         * The requests a bundle follows: the static ones, and an ES module's {@code import("x")}
         * calls or a CommonJS file's {@code require("x")} calls (not when the file binds
         * {@code require} itself); a plain script's calls run as written.
         */
        List<Request> followed() {
            List<Request> followed = new ArrayList<>(requests);
            if (module) {
                followed.addAll(dynamicImports);
            } else if (commonJs && !ownRequire) {
                followed.addAll(requires);
            }
            return followed;
        }
    }

    /** After these words a {@code /} starts a regular expression, as after an operator. */
    private static final Set<String> KEYWORDS_BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of",
            "new", "delete", "void", "throw", "case", "do", "else", "yield", "await", "extends");
    /** Before a {@code require} these words make it a declaration of the file's own. */
    private static final Set<String> DECLARING = Set.of("function", "var", "let", "const");

    private ModuleSyntax() {}

    static Scan scan(String code) {
        return new Lexer(code).scan();
    }

    private enum TokenKind { WORD, NUMBER, STRING, TEMPLATE, REGEX, PUNCTUATOR }

    private record Token(TokenKind kind, int start, int end, String text) {
        boolean is(String word) {
            return text != null && text.equals(word); // only words and punctuators carry their text
        }
    }

    private static final class Lexer {
        private final String code;
        private final List<Request> requests = new ArrayList<>();
        private final List<Request> requires = new ArrayList<>();
        private final List<Request> dynamicImports = new ArrayList<>();
        /** Brace depths at which an open template literal's {@code ${} started. */
        private final Deque<Integer> templates = new ArrayDeque<>();
        /** Brace depths inside which a {@code try} block is open. */
        private final Deque<Integer> tries = new ArrayDeque<>();
        private int pos;
        private int braces;
        private boolean module;
        private boolean commonJs;
        private boolean ownRequire;
        /** The last token a declaration consumed: what the token after it follows. */
        private Token lastConsumed;

        Lexer(String code) {
            this.code = code;
            if (code.startsWith("#!")) { // a hashbang line
                skipLine();
            }
        }

        Scan scan() {
            Token previous = null;
            Token token = next(null);
            while (token != null) {
                boolean member = previous != null && (previous.is(".") || previous.is("?."));
                Token after;
                if (!member && token.is("import")) {
                    after = importDeclaration(token);
                } else if (!member && token.is("export")) {
                    after = exportDeclaration(token);
                } else if (!member && token.is("require")) {
                    after = require(previous, token);
                } else {
                    if (!member && (token.is("module") || token.is("exports"))) {
                        commonJsName(previous, token);
                    }
                    previous = token;
                    token = next(token);
                    continue;
                }
                // The declaration consumed tokens up to (not including) 'after'.
                previous = lastConsumed;
                token = after;
            }
            return new Scan(List.copyOf(requests), module, List.copyOf(requires), List.copyOf(dynamicImports),
                    commonJs, ownRequire);
        }

        /** {@code module.exports}, {@code exports.x}, {@code exports[x]}, {@code typeof module}: CommonJS. */
        private void commonJsName(Token previous, Token name) {
            int at = skipSpaces(pos); // pos is just past the name
            char after = at < code.length() ? code.charAt(at) : 0;
            if (previous != null && previous.is("typeof")
                    || name.is("exports") && (after == '.' || after == '[')
                    || name.is("module") && after == '.' && code.startsWith("exports", skipSpaces(at + 1))) {
                commonJs = true;
            }
        }

        private int skipSpaces(int at) {
            while (at < code.length() && Character.isWhitespace(code.charAt(at))) {
                at++;
            }
            return at;
        }

        /**
         * {@code require("x")}: a request; {@code require} declared or passed on: the file's own
         * (see {@link Scan#ownRequire()}); anything else ({@code typeof require}, {@code require(x)})
         * is left to run as written.
         */
        private Token require(Token previous, Token keyword) {
            lastConsumed = keyword;
            Token t = next(keyword);
            if (previous != null && (previous.kind == TokenKind.WORD && DECLARING.contains(previous.text())
                    || (previous.is("(") || previous.is(",")) && t != null && (t.is(",") || t.is(")"))
                    || t != null && t.is("=") && !code.startsWith("=", t.end()))) {
                ownRequire = true;
                return t;
            }
            if (t == null || !t.is("(")) {
                return t;
            }
            int before = requires.size();
            Token after = call(keyword, t, Kind.REQUIRE, requires);
            commonJs |= requires.size() > before; // a require("x") call
            return after;
        }

        /**
         * A call such as {@code require("x")} or {@code import("x")} from its opening parenthesis:
         * with nothing but a string inside, recorded into {@code calls}; returns the first token not consumed.
         */
        private Token call(Token keyword, Token open, Kind kind, List<Request> calls) {
            boolean guarded = !tries.isEmpty();
            lastConsumed = open;
            Token specifier = next(open);
            if (specifier == null || specifier.kind != TokenKind.STRING) {
                return specifier;
            }
            lastConsumed = specifier;
            Token close = next(specifier);
            if (close == null || !close.is(")")) {
                return close;
            }
            calls.add(request(specifier, kind, List.of(), keyword.start(), close.end(), guarded));
            lastConsumed = close;
            return next(close);
        }

        /** {@code import "x"}, {@code import a, {b as c} from "x"}, {@code import * as n from "x"}, {@code import("x")}. */
        private Token importDeclaration(Token keyword) {
            lastConsumed = keyword;
            Token t = next(keyword);
            if (t == null) {
                return null;
            }
            if (t.kind == TokenKind.STRING) {
                module = true;
                requests.add(request(t, Kind.IMPORT, List.of(), -1, -1, false));
                lastConsumed = t;
                return next(t);
            }
            if (t.is("(")) {
                return call(keyword, t, Kind.DYNAMIC_IMPORT, dynamicImports);
            }
            if (t.is(".") || t.is(":")) {
                return t; // import.meta, a property named import
            }
            if (t.kind != TokenKind.WORD && !t.is("{") && !t.is("*")) {
                return t;
            }
            module = true;
            return clauseThenFrom(keyword, t, true);
        }

        /** {@code export * from "x"}, {@code export {a} from "x"}; any other export only marks a module. */
        private Token exportDeclaration(Token keyword) {
            lastConsumed = keyword;
            Token t = next(keyword);
            if (t == null) {
                return null;
            }
            if (t.is("(") || t.is(".") || t.is(":")) {
                return t; // a method or property named export
            }
            if (t.kind == TokenKind.WORD || t.is("{") || t.is("*")) {
                module = true;
            }
            return t.is("{") || t.is("*") ? clauseThenFrom(keyword, t, false) : t;
        }

        /**
         * Reads an import or export clause from {@code first} to {@code from "x"} and records
         * {@code x} with the names the clause asks for; returns the first token it did not consume.
         */
        private Token clauseThenFrom(Token keyword, Token first, boolean importing) {
            List<String> names = new ArrayList<>();
            Token t = first;
            Token previous = null;
            Token star = null;
            Token starName = null; // the name after '* as'
            boolean inBraces = false;
            boolean closed = false; // after a clause's '}' only 'from' may follow
            while (t != null) {
                // 'from' in braces, or after 'as', is a name ({ from, fromNow } in moment's sources)
                if (t.is("from") && !inBraces && (previous == null || !previous.is("as"))) {
                    lastConsumed = t;
                    Token specifier = next(t);
                    if (specifier != null && specifier.kind == TokenKind.STRING) {
                        requests.add(clauseRequest(keyword, specifier, importing, names, star, starName));
                        lastConsumed = specifier;
                        return next(specifier);
                    }
                    return specifier;
                }
                boolean clausePart = t.kind == TokenKind.WORD || t.is("{") || t.is("}") || t.is(",") || t.is("*");
                if (closed || !clausePart) {
                    return t;
                }
                if (t.is("{")) {
                    inBraces = true;
                } else if (t.is("}")) {
                    inBraces = false;
                    closed = true;
                } else if (t.is("*")) {
                    star = t;
                } else if (t.kind == TokenKind.WORD && previous != null && previous.is("as")) {
                    if (star != null && !inBraces) {
                        starName = t;
                    }
                } else if (t.kind == TokenKind.WORD && !t.is("as")) {
                    // a name as the module calls it: in braces, or a default import before them
                    names.add(inBraces ? t.text() : "default");
                }
                previous = t;
                lastConsumed = t;
                t = next(t);
            }
            return null;
        }

        private Request clauseRequest(Token keyword, Token specifier, boolean importing, List<String> names, Token star,
                                      Token starName) {
            if (importing) {
                if (star != null && starName != null) {
                    List<String> all = new ArrayList<>(names);
                    all.add("*");
                    return request(specifier, Kind.IMPORT, all, star.start(), starName.end(), false);
                }
                return request(specifier, Kind.IMPORT, names, -1, -1, false);
            }
            if (star == null) {
                return request(specifier, Kind.EXPORT_NAMED, names, -1, -1, false);
            }
            if (starName == null) {
                return request(specifier, Kind.EXPORT_ALL, List.of(), -1, -1, false);
            }
            return request(specifier, Kind.EXPORT_ALL_AS, List.of(starName.text()), keyword.start(), specifier.end(), false);
        }

        private Request request(Token string, Kind kind, List<String> names, int spanStart, int spanEnd, boolean guarded) {
            int start = string.start() + 1;
            int end = Math.max(start, string.end() - 1);
            return new Request(code.substring(start, end), start, end, kind, names, spanStart, spanEnd, guarded);
        }

        /** The next token after {@code previous}, or {@code null} at the end. */
        private Token next(Token previous) {
            int length = code.length();
            while (pos < length) {
                char c = code.charAt(pos);
                if (c == '/' && pos + 1 < length && code.charAt(pos + 1) == '/') {
                    skipLine();
                } else if (c == '/' && pos + 1 < length && code.charAt(pos + 1) == '*') {
                    int close = code.indexOf("*/", pos + 2);
                    pos = close < 0 ? length : close + 2;
                } else if (Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff') {
                    pos++;
                } else {
                    return token(c, previous);
                }
            }
            return null;
        }

        private Token token(char c, Token previous) {
            int start = pos;
            if (c == '\'' || c == '"') {
                skipString(c);
                return new Token(TokenKind.STRING, start, pos, null);
            }
            if (c == '`') {
                pos++;
                skipTemplate();
                return new Token(TokenKind.TEMPLATE, start, pos, null);
            }
            if (c == '}' && !templates.isEmpty() && templates.peek() == braces) {
                templates.pop();
                pos++;
                skipTemplate(); // the rest of the template after its ${...}
                return new Token(TokenKind.TEMPLATE, start, pos, null);
            }
            if (Character.isJavaIdentifierStart(c) || c == '\\') {
                pos++;
                while (pos < code.length() && (Character.isJavaIdentifierPart(code.charAt(pos)) || code.charAt(pos) == '\\')) {
                    pos++;
                }
                return new Token(TokenKind.WORD, start, pos, code.substring(start, pos));
            }
            if (Character.isDigit(c) || c == '.' && pos + 1 < code.length() && Character.isDigit(code.charAt(pos + 1))) {
                pos++;
                while (pos < code.length() && (Character.isLetterOrDigit(code.charAt(pos)) || code.charAt(pos) == '.'
                        || code.charAt(pos) == '_')) {
                    pos++;
                }
                return new Token(TokenKind.NUMBER, start, pos, null);
            }
            if (c == '/' && regexMayStart(previous)) {
                skipRegex();
                return new Token(TokenKind.REGEX, start, pos, null);
            }
            if (c == '{') {
                braces++;
                if (previous != null && previous.is("try")) {
                    tries.push(braces);
                }
            } else if (c == '}') {
                if (!tries.isEmpty() && tries.peek() == braces) {
                    tries.pop();
                }
                braces--;
            }
            String text = punctuator(c);
            pos += text.length();
            return new Token(TokenKind.PUNCTUATOR, start, pos, text);
        }

        /** The punctuators whose length matters here: {@code ?.} (member access) and {@code ++ --} (values before a /). */
        private String punctuator(char c) {
            char next = pos + 1 < code.length() ? code.charAt(pos + 1) : 0;
            if (c == '?' && next == '.' && !(pos + 2 < code.length() && Character.isDigit(code.charAt(pos + 2)))) {
                return "?.";
            }
            if ((c == '+' || c == '-') && next == c) {
                return c == '+' ? "++" : "--";
            }
            return String.valueOf(c);
        }

        private static boolean regexMayStart(Token previous) {
            if (previous == null) {
                return true;
            }
            return switch (previous.kind()) {
                case NUMBER, STRING, TEMPLATE, REGEX -> false;
                case WORD -> KEYWORDS_BEFORE_EXPRESSION.contains(previous.text());
                // A value ends with ) ] or ++/--; a block's } is followed by a statement, which may be a literal.
                case PUNCTUATOR -> !(previous.is(")") || previous.is("]") || previous.is("++") || previous.is("--"));
            };
        }

        private void skipLine() {
            while (pos < code.length() && code.charAt(pos) != '\n' && code.charAt(pos) != '\r') {
                pos++;
            }
        }

        private void skipString(char quote) {
            pos++;
            while (pos < code.length()) {
                char c = code.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (c == quote) {
                    pos++;
                    return;
                } else if (c == '\n') {
                    return; // an unterminated string: Closure reports it
                } else {
                    pos++;
                }
            }
            pos = Math.min(pos, code.length());
        }

        /** From inside a template literal to its closing backtick, or into a {@code ${}} part. */
        private void skipTemplate() {
            while (pos < code.length()) {
                char c = code.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (c == '`') {
                    pos++;
                    return;
                } else if (c == '$' && pos + 1 < code.length() && code.charAt(pos + 1) == '{') {
                    pos += 2;
                    templates.push(braces);
                    return;
                } else {
                    pos++;
                }
            }
            pos = Math.min(pos, code.length());
        }

        private void skipRegex() {
            pos++;
            boolean inClass = false;
            while (pos < code.length()) {
                char c = code.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return; // not a regular expression after all; go on from the line's end
                }
                pos++;
                if (c == '[') {
                    inClass = true;
                } else if (c == ']') {
                    inClass = false;
                } else if (c == '/' && !inClass) {
                    while (pos < code.length() && Character.isJavaIdentifierPart(code.charAt(pos))) {
                        pos++; // flags
                    }
                    return;
                }
            }
            pos = Math.min(pos, code.length());
        }
    }
}
