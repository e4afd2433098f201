package io.keyward.audit;

import io.keyward.rights.Caller;

/**
 * Who acted: {@code kind} is {@code anonymous}, {@code api_key}, {@code access_token}, {@code sso},
 * {@code scim} or {@code system}; {@code userId} the user the credential belongs to (if any);
 * {@code credential} the API key ID, token ID, SSO identity or SCIM client (never a secret).
 */
public record AuditActor(String kind, String userId, String credential) {
    public static final AuditActor ANONYMOUS = new AuditActor("anonymous", null, null);
    /** The server on its own (bootstrap admin, a timer), outside any request. */
    public static final AuditActor SYSTEM = new AuditActor("system", null, null);

    /** An SSO identity that has no account yet (just-in-time creation). */
    public static AuditActor sso(String issuer, String subject) {
        return new AuditActor("sso", null, issuer + "#" + subject);
    }

    static AuditActor of(Caller caller) {
        return switch (caller.kind()) {
            case NONE -> ANONYMOUS;
            case API_KEY -> new AuditActor("api_key", caller.userId(), caller.credentialId());
            case ACCESS_TOKEN -> new AuditActor("access_token", caller.userId(), caller.credentialId());
            case SSO -> new AuditActor("sso", caller.userId(), caller.credentialId());
            case SCIM -> new AuditActor("scim", caller.userId(), caller.credentialId());
        };
    }
}
