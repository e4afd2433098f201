package io.keyward.notification;

import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Secrets;
import io.keyward.error.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cluster authentication, as The Things Stack's peer components use it: {@code Authorization:
 * ClusterKey <key>}, where the key is one of {@code is.cluster.keys}. Keys are given hex-encoded (as
 * in TTS) or as plain text; both sides are read the same way, so either form matches. The comparison
 * is made on SHA-256 digests in constant time, over every configured key, so neither the key's length
 * nor which key matched shows in the timing. Keys are never logged.
 */
@ApplicationScoped
public class ClusterKeys {
    static final String AUTH_TYPE = "clusterkey";
    private static final Pattern HEX = Pattern.compile("^(?:[0-9a-fA-F]{2})+$");

    @Inject
    KeywardConfig config;

    /** A cluster peer whose key was verified; only this class creates one. */
    public static final class ClusterPeer {
        private ClusterPeer() {
        }
    }

    /**
     * The verified peer when the header is {@code ClusterKey <valid key>}; {@code null} when the
     * header is absent or of another type (the caller may still be an admin);
     * {@code 403 pkg/auth/cluster:cluster_key} when a cluster key is presented but is not valid.
     */
    public ClusterPeer authenticate(String authorization) {
        if (authorization == null) {
            return null;
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals(AUTH_TYPE)) {
            return null;
        }
        byte[] presented = digest(decode(header.substring(space + 1).trim()));
        boolean match = false;
        for (byte[] key : configuredDigests()) {
            match |= MessageDigest.isEqual(presented, key);
        }
        if (!match) {
            throw Errors.CLUSTER_KEY.error();
        }
        return new ClusterPeer();
    }

    private List<byte[]> configuredDigests() {
        List<byte[]> out = new ArrayList<>();
        for (String k : config.string(KeywardConfig.Option.CLUSTER_KEYS).split(",")) {
            if (!k.isBlank()) {
                out.add(digest(decode(k.trim())));
            }
        }
        return out;
    }

    /** Hex when the value is hex, else the UTF-8 bytes of the text. */
    static byte[] decode(String key) {
        if (HEX.matcher(key).matches()) {
            return HexFormat.of().parseHex(key);
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] digest(byte[] b) {
        return Secrets.sha256(b);
    }
}
