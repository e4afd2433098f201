package io.keyward.migration;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Rows as The Things Stack stores them (bunstore models), read by {@link TtsSource}; timestamps already in
 * UTC. Nothing here is interpreted yet: that is {@link TtsMapping}'s job.
 */
final class TtsRows {
    private TtsRows() {
    }

    /** {@code users} joined with its {@code accounts} row (the user ID) and its {@code pictures} row. */
    record User(String uuid, String userId, LocalDateTime createdAt, LocalDateTime updatedAt, LocalDateTime deletedAt,
                String name, String description, String email, LocalDateTime emailValidatedAt, String password,
                LocalDateTime passwordUpdatedAt, boolean requirePasswordUpdate, int state, String stateDescription,
                boolean admin, String temporaryPassword, LocalDateTime temporaryPasswordCreatedAt,
                LocalDateTime temporaryPasswordExpiresAt, byte[] picture, byte[] consolePreferences) {
    }

    /** {@code api_keys} of entity type user; {@code hash} is the {@code key} column (PBKDF2 of the secret). */
    record ApiKey(String keyId, String hash, Integer[] rights, String name, LocalDateTime createdAt,
                  LocalDateTime updatedAt, LocalDateTime expiresAt) {
    }

    /** {@code notifications}; {@code data} is the jsonb column as text. */
    record Notification(String id, LocalDateTime createdAt, String entityType, String entityUid, String type,
                        String data, String senderUid, Integer[] receivers, boolean email) {
    }

    /** {@code notification_receivers}: one user's status of a notification. */
    record Receipt(Notification notification, int status, LocalDateTime statusUpdatedAt) {
    }

    /** A user with every row of it that Keyward keeps. */
    record UserWithRows(User user, Map<String, String> attributes, List<ApiKey> apiKeys, List<Receipt> receipts) {
    }

    /** {@code invitations} not yet accepted. */
    record Invitation(String email, String token, LocalDateTime expiresAt, LocalDateTime createdAt,
                      LocalDateTime updatedAt) {
    }
}
