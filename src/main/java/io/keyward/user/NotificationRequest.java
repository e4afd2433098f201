package io.keyward.user;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * A notification the server itself raises (API.md §8.5), fired as a CDI event inside the transaction of
 * the action that causes it; the notification component observes it {@code during = IN_PROGRESS} and
 * stores it for the receivers in that same transaction.
 *
 * @param entityUserId     the user the notification is about (EntityIdentifiers.user_ids)
 * @param notificationType e.g. {@code api_key_created}, {@code entity_state_changed}
 * @param data             the {@code google.protobuf.Any} as JSON ({@code @type} first), or null
 * @param senderUserId     the user who caused it, or null
 * @param receivers        NotificationReceiver names, e.g. {@code NOTIFICATION_RECEIVER_COLLABORATOR}
 * @param receiverUserIds  the users who receive it, already resolved
 * @param email            also send it by e-mail
 */
public record NotificationRequest(String entityUserId, String notificationType, JsonObject data,
                                  String senderUserId, List<String> receivers, List<String> receiverUserIds,
                                  boolean email) {
}
