package io.keyward.authn;

import io.keyward.entity.State;
import io.keyward.rights.Caller;
import io.keyward.rights.CredentialOwner;
import io.keyward.rights.Rights;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a verified credential into a {@link Caller}, applying API.md §2.3–§2.5 in The Things Stack's
 * order: the credential's rights are implied; an unvalidated primary e-mail address (when validation
 * is required) restricts them; the account state restricts them further; only an approved admin gets
 * universal rights, computed from the credential's implied rights before any restriction.
 */
public final class Callers {
    public static final String WARN_EMAIL = "Restricted rights until email address validated";
    public static final String WARN_PENDING = "Restricted rights while account pending";
    public static final String WARN_REJECTED = "Restricted rights after account rejection";
    public static final String WARN_SUSPENDED = "Restricted rights after account suspension";

    private Callers() {
    }

    /**
     * @param kind               the credential type
     * @param credentialId       API key ID or token ID
     * @param credentialRights   the rights stored with the credential (not yet implied)
     * @param owner              the owner
     * @param emailValidationRequired {@code is.user-registration.contact-info-validation.required}
     * @param adminRightsAll     {@code is.admin-rights.all}
     */
    public static Caller of(Caller.Kind kind, String credentialId, Rights credentialRights, CredentialOwner owner,
                            boolean emailValidationRequired, boolean adminRightsAll) {
        Rights implied = credentialRights.implied();
        Rights rights = implied;
        List<String> warnings = new ArrayList<>();
        if (emailValidationRequired && owner.emailValidatedAt() == null) {
            rights = rights.intersect(Rights.RESTRICTED_PENDING);
            warnings.add(WARN_EMAIL);
        }
        boolean admin = false;
        Rights universal = Rights.NONE;
        String description = owner.stateDescription() == null ? "" : owner.stateDescription();
        switch (owner.state()) {
            case STATE_REQUESTED -> {
                rights = rights.intersect(Rights.RESTRICTED_PENDING);
                warnings.add(WARN_PENDING);
            }
            case STATE_APPROVED -> {
                if (owner.admin()) {
                    admin = true;
                    universal = (adminRightsAll ? Rights.ALL : Rights.ADMIN).intersect(implied);
                }
            }
            case STATE_REJECTED -> {
                rights = rights.intersect(Rights.RESTRICTED_REJECTED);
                warnings.add(description.isEmpty() ? WARN_REJECTED : WARN_REJECTED + ": " + description);
            }
            case STATE_FLAGGED -> {
                // Innocent until proven guilty: unrestricted, but the admin flag does not count.
            }
            case STATE_SUSPENDED -> {
                rights = rights.intersect(Rights.RESTRICTED_SUSPENDED);
                warnings.add(description.isEmpty() ? WARN_SUSPENDED : WARN_SUSPENDED + ": " + description);
            }
            default -> throw new IllegalStateException("unhandled state " + owner.state());
        }
        return new Caller(kind, owner.ids(), credentialId, rights, universal, admin, owner.state(), description,
                List.copyOf(warnings));
    }
}
