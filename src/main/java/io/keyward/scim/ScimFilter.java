package io.keyward.scim;

import io.keyward.wire.JsonP;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of SCIM's filter language (RFC 7644 §3.4.2.2) that identity providers send: comparisons
 * {@code attrPath eq value} joined by {@code and}, where attrPath may carry a value filter
 * ({@code emails[type eq "work"].value}). Anything else is an {@code invalidFilter} error, never a guess.
 */
final class ScimFilter {
    /** {@code attribute eq value}; attribute lower-cased, with the value filter's type (lower-cased) if any. */
    record Comparison(String attribute, String typeFilter, JsonValue value) {
        /** The value as text: strings as they are, booleans and numbers as written, null as null. */
        String text() {
            return switch (value.getValueType()) {
                case STRING -> ((jakarta.json.JsonString) value).getString();
                case NULL -> null;
                default -> value.toString();
            };
        }
    }

    private final String in;
    private int pos;

    private ScimFilter(String in) {
        this.in = in;
    }

    static List<Comparison> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        ScimFilter p = new ScimFilter(filter);
        List<Comparison> out = new ArrayList<>();
        out.add(p.comparison());
        while (p.skipSpaces()) {
            String word = p.word().toLowerCase(Locale.ROOT);
            if (!word.equals("and")) {
                throw ScimException.invalidFilter("unsupported filter at \"" + word + "\": only comparisons with eq joined by and");
            }
            out.add(p.comparison());
        }
        return out;
    }

    private Comparison comparison() {
        skipSpaces();
        String path = attrPath();
        skipSpaces();
        String op = word().toLowerCase(Locale.ROOT);
        if (!op.equals("eq")) {
            throw ScimException.invalidFilter("unsupported operator \"" + op + "\": only eq");
        }
        skipSpaces();
        JsonValue value = value();
        String attribute = path;
        String type = null;
        int open = path.indexOf('[');
        if (open >= 0) {
            int close = path.lastIndexOf(']');
            if (close < open) {
                throw ScimException.invalidFilter("unbalanced [ in \"" + path + "\"");
            }
            List<Comparison> inner = parse(path.substring(open + 1, close));
            if (inner.size() != 1 || !inner.get(0).attribute().equals("type") || inner.get(0).text() == null) {
                throw ScimException.invalidFilter("unsupported value filter in \"" + path + "\": only [type eq \"...\"]");
            }
            type = inner.get(0).text().toLowerCase(Locale.ROOT);
            attribute = path.substring(0, open) + path.substring(close + 1);
        }
        return new Comparison(ScimJson.attribute(attribute), type, value);
    }

    /** An attribute path, with a bracketed value filter kept whole. */
    private String attrPath() {
        int start = pos;
        int depth = 0;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '"' && depth > 0) {
                pos = endOfString(pos) - 1;
            } else if (Character.isWhitespace(c) && depth == 0) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw ScimException.invalidFilter("attribute expected at position " + start);
        }
        return in.substring(start, pos);
    }

    private String word() {
        int start = pos;
        while (pos < in.length() && !Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw ScimException.invalidFilter("unexpected end of filter");
        }
        return in.substring(start, pos);
    }

    private JsonValue value() {
        if (pos < in.length() && in.charAt(pos) == '"') {
            int end = endOfString(pos);
            String literal = in.substring(pos, end);
            pos = end;
            try (var r = JsonP.reader(new StringReader("[" + literal + "]"))) {
                return r.readArray().get(0);
            } catch (JsonException e) {
                throw ScimException.invalidFilter("malformed string " + literal);
            }
        }
        String w = word();
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "true" -> JsonValue.TRUE;
            case "false" -> JsonValue.FALSE;
            case "null" -> JsonValue.NULL;
            default -> {
                if (w.matches("-?[0-9]+(\\.[0-9]+)?")) {
                    yield JsonP.provider().createValue(new java.math.BigDecimal(w));
                }
                throw ScimException.invalidFilter("value expected, got \"" + w + "\"");
            }
        };
    }

    /** The index after the closing quote of the string starting at {@code quote}. */
    private int endOfString(int quote) {
        int i = quote + 1;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                return i + 1;
            }
            i++;
        }
        throw ScimException.invalidFilter("unterminated string");
    }

    /** Skips blanks; whether anything follows. */
    private boolean skipSpaces() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
        return pos < in.length();
    }
}
