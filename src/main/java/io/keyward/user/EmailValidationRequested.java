package io.keyward.user;

/**
 * Fired (CDI event, inside the transaction) when a user's primary e-mail address needs validating:
 * Users.Create, or an update that changes the address. The contact-info component observes it
 * ({@code during = IN_PROGRESS}) and starts a validation (token + {@code validate} mail) in the same
 * transaction, honouring the retry interval.
 */
public record EmailValidationRequested(String userId, String address) {
}
