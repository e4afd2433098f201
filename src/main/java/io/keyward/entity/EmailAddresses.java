package io.keyward.entity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two e-mail rules of API.md §3, each in one place. Rule 1 is the message validator's: an RFC 5322
 * address as Go's {@code net/mail} parses it (a display-name form is accepted), at most 254 bytes, a
 * local part of at most 64 bytes, and a host name of dot-separated labels of 1-63 characters from
 * {@code [a-z0-9-]} that neither start nor end with {@code -}. Rule 2 is The Things Stack's own regex,
 * which registration and UpdateUser apply on top.
 */
public final class EmailAddresses {
    public static final String INVALID_REASON = "value must be a valid email address";

    private static final Pattern TTS_REGEX = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private EmailAddresses() {
    }

    /**
     * Email rule 1 (the message validator): an RFC 5322 address as Go's {@code net/mail} parses it
     * (a display-name form is accepted), address ≤ 254 bytes, local part ≤ 64 bytes, and a host name of
     * dot-separated labels of 1–63 characters from {@code [a-z0-9-]}, not starting or ending in {@code -}.
     */
    public static boolean isValid(String s) {
        if (s == null) {
            return false;
        }
        String addr = parseAddress(s);
        if (addr == null || utf8(addr) > 254) {
            return false;
        }
        int at = addr.indexOf('@');
        if (at < 0 || utf8(addr.substring(0, at)) > 64) {
            return false;
        }
        return isHostname(addr.substring(at + 1));
    }

    /** Email rule 2: TTS's registration regex (rejects display names, accepts dot-less domains). */
    public static boolean matchesTtsRegex(String s) {
        return s != null && TTS_REGEX.matcher(s).matches();
    }

    private static boolean isHostname(String host) {
        if (host.length() > 253) {
            return false;
        }
        String s = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        s = s.toLowerCase(Locale.ROOT);
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (char c : label.toCharArray()) {
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The addr-spec of {@code addr-spec} or {@code [display name] <addr-spec>}; null if unparsable. */
    private static String parseAddress(String input) {
        String s = input.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.endsWith(">")) {
            int open = s.lastIndexOf('<');
            if (open < 0 || !isPhrase(s.substring(0, open).trim())) {
                return null;
            }
            s = s.substring(open + 1, s.length() - 1).trim();
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return null;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        boolean localOk = local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")
                ? isQuotedContent(local.substring(1, local.length() - 1))
                : isDotAtom(local);
        return localOk && isDotAtom(domain) ? local + "@" + domain : null;
    }

    private static boolean isPhrase(String s) {
        if (s.isEmpty()) {
            return true;
        }
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) {
            return isQuotedContent(s.substring(1, s.length() - 1));
        }
        for (String word : s.split("[ \\t]+")) {
            for (String atom : word.split("\\.", -1)) {
                if (!atom.isEmpty() && !isAtom(atom)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isQuotedContent(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"' || c < 0x20 && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (String atom : s.split("\\.")) {
            if (!isAtom(atom)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtom(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean atext = c >= 0x80 || (c >= '!' && c <= '~' && "()<>[]:;@\\,\".".indexOf(c) < 0);
            if (!atext) {
                return false;
            }
        }
        return true;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
