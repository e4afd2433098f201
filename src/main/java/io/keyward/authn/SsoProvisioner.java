package io.keyward.authn;

import io.keyward.entity.EmailAddresses;
import io.keyward.user.UserCreation;
import io.keyward.user.UserCreation.TrustedUser;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Just-in-time provisioning of enterprise SSO users ({@code is.sso.jit-provisioning}): the first
 * request with a valid JWT for an unknown user ID creates the user through {@link UserCreation}
 * (so the ID rule and the registration blocklist apply), approved, with the e-mail address of the
 * {@code email} claim (validated if {@code email_verified} is true) and no password.
 */
@Stateless
public class SsoProvisioner {
    private static final Logger LOG = Logger.getLogger(SsoProvisioner.class.getName());

    @Inject
    UserCreation creation;

    /**
     * Creates the user in its own transaction; false if the token does not carry what a user needs.
     * Throws the creation's error when the ID breaks a rule or is taken.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean provision(SsoTokens.Identity id) {
        String email = id.email();
        if (!EmailAddresses.isValid(email) || !EmailAddresses.matchesTtsRegex(email)) {
            LOG.info("SSO user " + id.userId() + " not provisioned: the token has no usable email claim");
            return false;
        }
        creation.createTrusted(new TrustedUser(id.userId(), id.name(), email, id.emailVerified(), null, false, true));
        LOG.info("SSO user " + id.userId() + " provisioned");
        return true;
    }
}
