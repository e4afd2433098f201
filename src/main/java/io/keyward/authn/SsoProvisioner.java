package io.keyward.authn;

import io.keyward.audit.AuditActor;
import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.user.SsoLinkStore;
import io.keyward.user.UserCreation;
import io.keyward.user.UserCreation.TrustedUser;
import io.keyward.user.UserEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Just-in-time provisioning of enterprise SSO users ({@code is.sso.jit-provisioning}): the first
 * request with a valid JWT from an identity that is linked to no account creates the user named by the
 * token through {@link UserCreation} (so the ID rule and the registration blocklist apply), approved,
 * with the e-mail address of the {@code email} claim (validated if {@code email_verified} is true) and no
 * password, and links the identity (issuer, subject) to it in the same transaction.
 */
@Stateless
public class SsoProvisioner {
    private static final Logger LOG = Logger.getLogger(SsoProvisioner.class.getName());

    @Inject
    UserCreation creation;

    @Inject
    SsoLinkStore links;

    @Inject
    AuditTrail audit;

    /**
     * Creates the user and its link in a transaction of their own. Throws the creation's error when the
     * ID breaks a rule, is blocklisted or taken, or the token has no usable e-mail address; then nothing
     * is written.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void provision(SsoTokens.Identity id) {
        AuditActor identity = AuditActor.sso(id.issuer(), id.subject());
        UserEntity u = creation.createTrusted(new TrustedUser(id.userId(), id.name(), id.email(), id.emailVerified(),
                null, false, true), identity);
        links.insert(u.getId(), id.issuer(), id.subject());
        audit.record(AuditEvent.of("user.sso.link").user(u.getUserId()).actor(identity)
                .detail("issuer", id.issuer()).detail("subject", id.subject()).detail("just_in_time", true));
        LOG.info("SSO user " + id.userId() + " provisioned and linked to its identity at " + id.issuer());
    }
}
