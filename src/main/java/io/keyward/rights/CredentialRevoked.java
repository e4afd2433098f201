package io.keyward.rights;

/**
 * Fired (CDI event, inside the transaction) when an API key or OAuth token is changed or deleted:
 * the credential cache drops it at once and again after the transaction ends.
 */
public record CredentialRevoked(String credentialId) {
}
