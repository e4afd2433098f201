package io.keyward.entity;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The message validator's e-mail rule (API.md §3, "email rule 1"): an RFC 5322 address (optionally
 * with a display name, as Go's {@code net/mail} accepts), at most 254 bytes, a local part of at most
 * 64 bytes, and a domain of dot-separated labels of 1-63 characters from {@code [a-z0-9-]} that
 * neither start nor end with {@code -}, at most 253 characters in all.
 */
public final class EmailAddresses {
    public static final String INVALID_REASON = "value must be a valid email address";

    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        String address = value.trim();
        int open = address.lastIndexOf('<');
        if (address.endsWith(">") && open >= 0) {
            address = address.substring(open + 1, address.length() - 1).trim();
        } else if (address.contains("<") || address.contains(">")) {
            return false;
        }
        if (address.getBytes(StandardCharsets.UTF_8).length > 254) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.getBytes(StandardCharsets.UTF_8).length > 64) {
            return false;
        }
        if (!DOT_ATOM.matcher(local).matches() && !QUOTED.matcher(local).matches()) {
            return false;
        }
        if (domain.length() > 253) {
            return false;
        }
        for (String label : domain.toLowerCase(java.util.Locale.ROOT).split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
