package io.assetpipe.plugin.js;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The static module requests of a script ({@code import … from "x"}, {@code import "x"},
 * {@code export … from "x"}) and whether it is an ES module at all.
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
 */
final class ModuleSyntax {
    /**
     * One request: the specifier as written, where it sits in the code (inside the quotes), and
     * whether it binds names ({@code import x from}, {@code export * from}) or only runs the module
     * ({@code import "x"}).
     */
    record Request(String specifier, int start, int end, boolean bindings) {}

    /** What the scan found: the requests in source order, and whether any import or export declaration exists. */
    record Scan(List<Request> requests, boolean module) {}

    /** After these words a {@code /} starts a regular expression, as after an operator. */
    private static final Set<String> KEYWORDS_BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of",
            "new", "delete", "void", "throw", "case", "do", "else", "yield", "await", "extends");

    private ModuleSyntax() {}

    static Scan scan(String code) {
        return new Lexer(code).scan();
    }

    private enum Kind { WORD, NUMBER, STRING, TEMPLATE, REGEX, PUNCTUATOR }

    private record Token(Kind kind, int start, int end, String text) {
        boolean is(String word) {
            return text != null && text.equals(word); // only words and punctuators carry their text
        }
    }

    private static final class Lexer {
        private final String code;
        private final List<Request> requests = new ArrayList<>();
        /** Brace depths at which an open template literal's {@code ${} started. */
        private final Deque<Integer> templates = new ArrayDeque<>();
        private int pos;
        private int braces;
        private boolean module;
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
                boolean declaration = previous == null || !previous.is(".") && !previous.is("?.");
                Token after;
                if (declaration && token.is("import")) {
                    after = importDeclaration(token);
                } else if (declaration && token.is("export")) {
                    after = exportDeclaration(token);
                } else {
                    previous = token;
                    token = next(token);
                    continue;
                }
                // The declaration consumed tokens up to (not including) 'after'.
                previous = lastConsumed;
                token = after;
            }
            return new Scan(List.copyOf(requests), module);
        }

        /** {@code import "x"}, {@code import a, {b as c} from "x"}, {@code import * as n from "x"}. */
        private Token importDeclaration(Token keyword) {
            lastConsumed = keyword;
            Token t = next(keyword);
            if (t == null) {
                return null;
            }
            if (t.kind == Kind.STRING) {
                module = true;
                request(t, false);
                lastConsumed = t;
                return next(t);
            }
            if (t.is("(") || t.is(".") || t.is(":")) {
                return t; // import(...), import.meta, a property named import
            }
            if (t.kind != Kind.WORD && !t.is("{") && !t.is("*")) {
                return t;
            }
            module = true;
            return clauseThenFrom(t);
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
            if (t.kind == Kind.WORD || t.is("{") || t.is("*")) {
                module = true;
            }
            return t.is("{") || t.is("*") ? clauseThenFrom(t) : t;
        }

        /**
         * Reads an import or export clause from {@code first} to {@code from "x"} and records
         * {@code x}; returns the first token it did not consume.
         */
        private Token clauseThenFrom(Token first) {
            Token t = first;
            boolean closed = false; // after a clause's '}' only 'from' may follow
            while (t != null) {
                if (t.is("from")) {
                    lastConsumed = t;
                    Token specifier = next(t);
                    if (specifier != null && specifier.kind == Kind.STRING) {
                        request(specifier, true);
                        lastConsumed = specifier;
                        return next(specifier);
                    }
                    return specifier;
                }
                boolean clausePart = t.kind == Kind.WORD || t.is("{") || t.is("}") || t.is(",") || t.is("*");
                if (closed || !clausePart) {
                    return t;
                }
                closed = t.is("}");
                lastConsumed = t;
                t = next(t);
            }
            return null;
        }

        private void request(Token string, boolean bindings) {
            int start = string.start() + 1;
            int end = Math.max(start, string.end() - 1);
            requests.add(new Request(code.substring(start, end), start, end, bindings));
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
                return new Token(Kind.STRING, start, pos, null);
            }
            if (c == '`') {
                pos++;
                skipTemplate();
                return new Token(Kind.TEMPLATE, start, pos, null);
            }
            if (c == '}' && !templates.isEmpty() && templates.peek() == braces) {
                templates.pop();
                pos++;
                skipTemplate(); // the rest of the template after its ${...}
                return new Token(Kind.TEMPLATE, start, pos, null);
            }
            if (Character.isJavaIdentifierStart(c) || c == '\\') {
                pos++;
                while (pos < code.length() && (Character.isJavaIdentifierPart(code.charAt(pos)) || code.charAt(pos) == '\\')) {
                    pos++;
                }
                return new Token(Kind.WORD, start, pos, code.substring(start, pos));
            }
            if (Character.isDigit(c) || c == '.' && pos + 1 < code.length() && Character.isDigit(code.charAt(pos + 1))) {
                pos++;
                while (pos < code.length() && (Character.isLetterOrDigit(code.charAt(pos)) || code.charAt(pos) == '.'
                        || code.charAt(pos) == '_')) {
                    pos++;
                }
                return new Token(Kind.NUMBER, start, pos, null);
            }
            if (c == '/' && regexMayStart(previous)) {
                skipRegex();
                return new Token(Kind.REGEX, start, pos, null);
            }
            if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            }
            String text = punctuator(c);
            pos += text.length();
            return new Token(Kind.PUNCTUATOR, start, pos, text);
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
