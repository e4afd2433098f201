package io.keyward.mail;

import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the secret-bearing copy of an outbox message encrypted at rest (issue 12 §6): AES-256-GCM with
 * a random 12-byte nonce per message, the recipient and template as associated data (a sealed body
 * moved to another row, e.g. to an attacker's address, does not open), stored as
 * base64(nonce || ciphertext+tag) with the ID of the key that sealed it.
 *
 * <p>The key comes from {@code is.email.outbox.key} (base64 of 32 bytes; several comma-separated: the
 * first seals, all open, for rotation). Without one, a key is generated at first start into
 * {@code is.email.outbox.key-file}, in the server's own directory beside the keystore and its
 * server.env password, readable by the server's user only. Not in the database: a key stored next to
 * the ciphertext would not protect a database dump or backup, which is the threat this addresses. A
 * generated key belongs to one server, so with several nodes the same {@code is.email.outbox.key}
 * must be set on all of them; until then a node only delivers the messages it sealed itself (others
 * stay queued for their node, or expire).
 */
@ApplicationScoped
public class OutboxCipher {
    private static final Logger LOG = Logger.getLogger(OutboxCipher.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A key and its public ID (an HMAC of a constant under the key: names it without revealing it). */
    public record Key(String id, SecretKey key) {
    }

    /** A sealed body and the ID of its key. */
    public record Sealed(String keyId, String data) {
    }

    /** The two bodies of a message. */
    public record Bodies(String text, String html) {
    }

    @Inject
    KeywardConfig config;

    private volatile String configured;
    private volatile List<Key> keys;

    /** The keys in use: the first seals, all open. */
    public List<Key> keys() {
        String value = config.string(Option.EMAIL_OUTBOX_KEY).trim();
        List<Key> k = keys;
        if (k != null && value.equals(configured)) {
            return k;
        }
        synchronized (this) {
            if (keys == null || !value.equals(configured)) {
                keys = value.isEmpty() ? List.of(key(generated())) : parse(value);
                configured = value;
            }
            return keys;
        }
    }

    public List<String> keyIds() {
        return keys().stream().map(Key::id).toList();
    }

    public Sealed seal(String recipient, String template, String text, String html) {
        Key k = keys().get(0);
        return new Sealed(k.id(), seal(k.key(), aad(recipient, template), text, html));
    }

    /** Opens a sealed body; throws if no key of ours has {@code keyId} or the data was altered. */
    public Bodies open(String keyId, String data, String recipient, String template) throws GeneralSecurityException {
        for (Key k : keys()) {
            if (k.id().equals(keyId)) {
                return open(k.key(), data, aad(recipient, template));
            }
        }
        throw new GeneralSecurityException("the outbox key " + keyId + " is not configured on this node");
    }

    static byte[] aad(String recipient, String template) {
        return ("keyward-outbox-v1\0" + recipient + "\0" + template).getBytes(StandardCharsets.UTF_8);
    }

    static String seal(SecretKey key, byte[] aad, String text, String html) {
        try {
            byte[] t = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
            byte[] h = (html == null ? "" : html).getBytes(StandardCharsets.UTF_8);
            ByteBuffer plain = ByteBuffer.allocate(4 + t.length + h.length).putInt(t.length).put(t).put(h);
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad);
            byte[] sealed = c.doFinal(plain.array());
            java.util.Arrays.fill(plain.array(), (byte) 0);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static Bodies open(SecretKey key, String data, byte[] aad) throws GeneralSecurityException {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a sealed body");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("not a sealed body");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
        c.updateAAD(aad);
        byte[] plain = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        ByteBuffer b = ByteBuffer.wrap(plain);
        int textLength = b.getInt();
        if (textLength < 0 || textLength > plain.length - 4) {
            throw new GeneralSecurityException("malformed sealed body");
        }
        String text = new String(plain, 4, textLength, StandardCharsets.UTF_8);
        String html = new String(plain, 4 + textLength, plain.length - 4 - textLength, StandardCharsets.UTF_8);
        java.util.Arrays.fill(plain, (byte) 0);
        return new Bodies(text, html);
    }

    /** {@code is.email.outbox.key}: base64 of 32 bytes, comma-separated. */
    static List<Key> parse(String value) {
        Map<String, Key> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(part.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is.email.outbox.key: not base64");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("is.email.outbox.key: each key must be 32 bytes (base64 of 32 random bytes), got "
                        + raw.length);
            }
            Key k = key(raw);
            out.putIfAbsent(k.id(), k);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("is.email.outbox.key: no key");
        }
        return new ArrayList<>(out.values());
    }

    static Key key(byte[] raw) {
        SecretKey key = new SecretKeySpec(raw, "AES");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            byte[] id = mac.doFinal("keyward-outbox-key-id".getBytes(StandardCharsets.US_ASCII));
            return new Key(HexFormat.of().formatHex(id, 0, 8), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of {@code is.email.outbox.key-file}, generated there on first use. */
    private byte[] generated() {
        String configuredPath = config.string(Option.EMAIL_OUTBOX_KEY_FILE).trim();
        // Liberty runs the server with its output directory (beside server.env) as working directory.
        Path file = Path.of(configuredPath.isEmpty() ? "resources/security/outbox.key" : configuredPath).toAbsolutePath();
        try {
            return readKey(file);
        } catch (java.nio.file.NoSuchFileException e) {
            // first start: generate below
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the mail outbox key " + file + ": " + e.getMessage(), e);
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "outbox", ".tmp", ownerOnly(file));
            try {
                Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n");
                // A link is created atomically or not at all: of two applications starting at once in
                // one server, one key wins and both use it.
                Files.createLink(file, tmp);
                LOG.info("generated the mail outbox encryption key into " + file
                        + " (set is.email.outbox.key, the same on every node, to share it across nodes)");
                return raw;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            try {
                return readKey(file);
            } catch (IOException again) {
                throw new IllegalStateException("cannot read the mail outbox key " + file, again);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot write the mail outbox key " + file + ": " + e.getMessage(), e);
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    private static byte[] readKey(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("not base64");
        }
        if (raw.length != 32) {
            throw new IOException("not a 32-byte key");
        }
        return raw;
    }
}
