package io.keyward.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client's address for throttling: the peer's, unless the peer is one of the trusted reverse proxies
 * ({@code is.http.trusted-proxies}: addresses or CIDR ranges), then the right-most address of
 * {@code Forwarded} ({@code for=}) or else {@code X-Forwarded-For} that is not itself a trusted proxy.
 * Anything a client could forge (the headers from an untrusted peer, names instead of addresses) is
 * ignored; names are never resolved.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private ClientAddress() {
    }

    /** The address of the client of {@code request}; "" when not called over HTTP (in-container use). */
    public static String of(jakarta.servlet.http.HttpServletRequest request, io.keyward.config.KeywardConfig config) {
        try {
            return resolve(request.getRemoteAddr(), request.getHeader("Forwarded"), request.getHeader("X-Forwarded-For"),
                    config.trustedProxies());
        } catch (RuntimeException e) {
            return "";
        }
    }

    public static String resolve(String peer, String forwarded, String xForwardedFor, Set<String> trustedProxies) {
        if (trustedProxies.isEmpty() || !trusted(peer, trustedProxies)) {
            return peer;
        }
        List<String> chain = forwarded != null && !forwarded.isBlank() ? forwardedFor(forwarded) : xForwardedFor(xForwardedFor);
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (parse(hop) == null) {
                return peer; // a hop we cannot read: do not trust what lies beyond it
            }
            if (!trusted(hop, trustedProxies)) {
                return hop;
            }
        }
        return peer;
    }

    private static List<String> xForwardedFor(String header) {
        List<String> out = new ArrayList<>();
        if (header != null) {
            for (String s : header.split(",")) {
                out.add(stripPort(s.trim()));
            }
        }
        return out;
    }

    /** RFC 7239: {@code Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"}. */
    private static List<String> forwardedFor(String header) {
        List<String> out = new ArrayList<>();
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                String p = pair.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
                    String v = p.substring(4).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    out.add(stripPort(v));
                }
            }
        }
        return out;
    }

    private static String stripPort(String s) {
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 0 ? s.substring(1, close) : s;
        }
        int colon = s.indexOf(':');
        if (colon > 0 && s.indexOf(':', colon + 1) < 0) {
            return s.substring(0, colon); // IPv4 with port
        }
        return s;
    }

    static boolean trusted(String address, Set<String> trustedProxies) {
        byte[] a = parse(address);
        if (a == null) {
            return false;
        }
        for (String entry : trustedProxies) {
            int slash = entry.indexOf('/');
            byte[] net = parse(slash < 0 ? entry : entry.substring(0, slash));
            if (net == null || net.length != a.length) {
                continue;
            }
            int bits = a.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            if (matches(a, net, bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] a, byte[] net, int bits) {
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (net[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal, or null; never a name lookup. */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (IPV4.matcher(s).matches()) {
            byte[] out = new byte[4];
            String[] parts = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (!IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            // A literal with a colon is parsed as IPv6, never looked up.
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
