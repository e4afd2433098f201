package io.keyward.rights;

import io.keyward.entity.State;
import java.util.List;

/**
 * Who is calling, as established from the presented credential.
 *
 * @param kind             what kind of credential was presented
 * @param userId           the user the credential belongs to; null for anonymous callers
 * @param credentialId     the API key ID or token ID (never a secret); null if none
 * @param rights           the credential's implied rights after the account-state and e-mail
 *                         restrictions of API.md §2.5 — the caller's rights on its own user
 * @param universal        rights on every user (admins only, API.md §2.3); {@link Rights#NONE} otherwise
 * @param admin            the user is an admin in STATE_APPROVED (the only kind of admin that counts)
 * @param state            the user's account state
 * @param stateDescription the user's state description
 * @param warnings         {@code X-Warning} header values to send with the response
 */
public record Caller(Kind kind, String userId, String credentialId, Rights rights, Rights universal,
                     boolean admin, State state, String stateDescription, List<String> warnings) {

    public enum Kind {
        NONE, API_KEY, ACCESS_TOKEN, SSO
    }

    public static final Caller ANONYMOUS = new Caller(Kind.NONE, null, null, Rights.NONE, Rights.NONE,
            false, null, "", List.of());

    public boolean isAuthenticated() {
        return kind != Kind.NONE;
    }

    public boolean is(String otherUserId) {
        return userId != null && userId.equals(otherUserId);
    }
}
