package io.keyward.authn;

import io.keyward.entity.State;
import io.keyward.user.UserEntity;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Just-in-time provisioning of enterprise SSO users ({@code is.sso.jit-provisioning}): the first
 * request with a valid JWT for an unknown user ID creates the user, approved, with the e-mail address
 * of the {@code email} claim (validated if {@code email_verified} is true) and no password.
 */
@Stateless
public class SsoProvisioner {
    private static final Logger LOG = Logger.getLogger(SsoProvisioner.class.getName());

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /** Creates the user in its own transaction; false if the token does not carry what a user needs. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean provision(SsoTokens.Identity id) {
        String email = id.email();
        if (email.isEmpty() || email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            LOG.info("SSO user " + id.userId() + " not provisioned: the token has no usable email claim");
            return false;
        }
        Instant now = Timestamps.now();
        UserEntity u = new UserEntity();
        u.setUserId(id.userId());
        u.setCreatedAt(now);
        u.setUpdatedAt(now);
        String name = id.name();
        u.setName(name.codePointCount(0, name.length()) > 50 ? name.substring(0, name.offsetByCodePoints(0, 50)) : name);
        u.setPrimaryEmailAddress(email);
        u.setPrimaryEmailAddressValidatedAt(id.emailVerified() ? now : null);
        u.setPasswordHash("");
        u.setState((short) State.STATE_APPROVED.number());
        u.setAdmin(false);
        em.persist(u);
        em.flush();
        LOG.info("SSO user " + id.userId() + " provisioned");
        return true;
    }
}
