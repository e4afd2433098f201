package io.keyward.user;

/**
 * Fired (CDI event) inside the transaction of {@code Users.Create} when the request carries an
 * {@code invitation_token}, after the new user row is written. The invitation component observes it
 * ({@code during = IN_PROGRESS}), checks the token and marks it accepted by {@code userId}; an unknown,
 * expired or used token makes it throw the matching {@code KeywardException}
 * ({@code invitation_not_found}, {@code invitation_expired}, {@code invitation_already_used}), which
 * rolls the Create back.
 */
public record InvitationTokenUsed(String token, String userId) {
}
