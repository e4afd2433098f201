package io.keyward.user;

import java.util.Map;

/**
 * A request to send one e-mail, fired as a CDI event inside the transaction of the change that causes
 * it; the mail component observes it {@code during = IN_PROGRESS} and writes it to the outbox in that
 * same transaction, so the mail exists exactly when the change commits.
 *
 * @param template       message type: {@code invitation}, {@code temporary_password}, {@code validate},
 *                       {@code api_key_created}, {@code api_key_changed}, {@code password_changed},
 *                       {@code user_requested}, {@code entity_state_changed}, {@code login_token}, ...
 * @param recipientEmail where to send it
 * @param recipientName  the recipient's display name (may be empty)
 * @param values         template values (user_id, links, ...), never secrets
 * @param secrets        template values that are secrets (tokens, temporary passwords): written into
 *                       the message, masked in every log line
 */
public record MailRequest(String template, String recipientEmail, String recipientName,
                          Map<String, String> values, Map<String, String> secrets) {
}
