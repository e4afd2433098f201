package io.keyward.crypto;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Argon2id computed by libargon2, the reference implementation in C, called through argon2-jvm (JNA).
 *
 * <p>Why: the hash is nearly all of a create's and a login's CPU, and the C code fills memory about
 * 1.7 times as fast as {@link Argon2id}'s Java on this machine kind (issue 19). argon2-jvm ships libargon2
 * for the common platforms, so it works on a bare machine; where it cannot load, or where it fails the
 * self-check below, the Java implementation is used and the log says why.
 *
 * <p>argon2-jvm copies the password into native memory for the call and wipes that copy afterwards;
 * libargon2 wipes the memory it filled before freeing it. The caller still zeroes its own bytes.
 */
final class NativeArgon2id {
    private static final Logger LOG = Logger.getLogger(NativeArgon2id.class.getName());
    private static final Argon2Advanced LIBRARY = load();

    private NativeArgon2id() {
    }

    /** Whether libargon2 loaded and computed RFC 9106's test vector correctly. */
    static boolean available() {
        return LIBRARY != null;
    }

    /**
     * Whether libargon2 takes these inputs: it needs a salt of 8 bytes or more (imported hashes may have
     * less), and argon2-jvm cannot pass an empty password or secret (null stands for no secret).
     */
    static boolean accepts(byte[] password, byte[] salt) {
        return password.length > 0 && salt.length >= 8;
    }

    /** The tag; parameters are checked by the caller. Does not touch the password array. */
    static byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKib, int passes,
                       int lanes, int tagLength) {
        return LIBRARY.rawHashAdvanced(passes, memoryKib, lanes, password, salt, secret.length == 0 ? null : secret,
                associated.length == 0 ? null : associated, tagLength, Argon2Version.V13);
    }

    private static Argon2Advanced load() {
        try {
            Argon2Advanced library = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
            // RFC 9106, section 5.3: a wrong build or a wrong binding must not produce hashes nobody can verify.
            byte[] tag = library.rawHashAdvanced(3, 32, 4, filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32,
                    Argon2Version.V13);
            if (!Arrays.equals(tag, HexFormat.of().parseHex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"))) {
                LOG.warning("libargon2 failed the RFC 9106 test vector; password hashing uses the Java implementation");
                return null;
            }
            LOG.info("Password hashing uses libargon2 (native)");
            return library;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.INFO, "libargon2 is not available here; password hashing uses the Java implementation: {0}",
                    e.toString());
            return null;
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
