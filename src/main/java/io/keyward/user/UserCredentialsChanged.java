package io.keyward.user;

/**
 * Fired (CDI event, inside the transaction) by any change that affects how a user's credentials
 * authenticate: state, admin flag, e-mail validation, deletion, restore, purge, password change with
 * {@code revoke_all_access}, deactivation by provisioning. The authentication component drops its cached
 * credentials of the user after commit, and when {@code revokeAccessTokens} is set ends the user's sessions:
 * deletes them with their OAuth access and refresh tokens in the same transaction. API keys stay, as in TTS,
 * unless {@code revokeApiKeys} is set (SCIM deactivation: the identity provider cut the person off); then the
 * API-key component deletes them in the same transaction.
 */
public record UserCredentialsChanged(String userId, boolean revokeAccessTokens, boolean revokeApiKeys) {
    public UserCredentialsChanged(String userId, boolean revokeAccessTokens) {
        this(userId, revokeAccessTokens, false);
    }
}
