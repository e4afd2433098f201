/**
 * One copy each of the cryptography: random secrets, base32, SHA-256 and constant-time comparison
 * ({@link io.keyward.crypto.Tokens}, {@link io.keyward.crypto.Secrets}), The Things Stack's token format
 * ({@code PREFIX.ID.SECRET}), password hashing ({@link io.keyward.crypto.PasswordHasher}) and Argon2id.
 *
 * <p>May import: {@code error}.
 */
package io.keyward.crypto;
