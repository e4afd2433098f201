package io.keyward.user;

/**
 * Fired (CDI event, inside the transaction) by any change that affects how a user's credentials
 * authenticate: state, admin flag, e-mail validation, deletion, restore, purge, password change with
 * {@code revoke_all_access}. The authentication component drops its cached credentials of the user
 * after commit, and when {@code revokeAccessTokens} is set ends the user's sessions: deletes them with their
 * OAuth access and refresh tokens in the same transaction (API keys stay, as in TTS).
 */
public record UserCredentialsChanged(String userId, boolean revokeAccessTokens) {
}
