package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.error.Errors;
import io.keyward.error.Validation;
import io.keyward.rights.CallerContext;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Keyward extension for admins: the SSO identities linked to a user (issue 12 §4). Only a linked identity
 * acts as a local account; this is how an admin hands an existing account over to the identity provider,
 * or takes it back. One container transaction per call.
 */
@Stateless
public class SsoLinks {
    private static final Logger LOG = Logger.getLogger(SsoLinks.class.getName());
    static final int MAX_ISSUER = 512;
    static final int MAX_SUBJECT = 255;

    @Inject
    UserStore users;

    @Inject
    SsoLinkStore links;

    @Inject
    CallerContext context;

    @Inject
    KeywardConfig config;

    @Inject
    Event<UserCredentialsChanged> credentials;

    @Inject
    AuditTrail audit;

    /** The user's links; admins only. */
    public List<SsoLinkStore.Link> list(String userId) {
        UserEntity u = adminAndUser(userId, false);
        return links.list(u.getId());
    }

    /**
     * Links the identity ({@code issuer} empty: the configured {@code mp.jwt.verify.issuer}) to the user.
     * Unless local passwords stay allowed, the OAuth tokens the user got from password logins are revoked:
     * from now on the identity provider decides whether the user gets in.
     */
    public SsoLinkStore.Link link(String userId, String issuer, String subject) {
        UserEntity u = adminAndUser(userId, true);
        String iss = issuer(issuer);
        SsoLinkStore.Link link = links.insert(u.getId(), iss, subject(subject));
        audit.record(AuditEvent.of("user.sso.link").user(userId).detail("issuer", iss).detail("subject", subject));
        if (!config.bool(KeywardConfig.Option.SSO_ALLOW_LOCAL_PASSWORD)) {
            credentials.fire(new UserCredentialsChanged(userId, true));
        }
        LOG.info("SSO identity of " + iss + " linked to user " + userId + " by " + context.caller().userId());
        return link;
    }

    /** Removes a link; the identity's tokens stop working at once (every node drops its copies). */
    public void unlink(String userId, String issuer, String subject) {
        UserEntity u = adminAndUser(userId, true);
        String iss = issuer(issuer);
        if (!links.delete(u.getId(), iss, subject(subject))) {
            throw Errors.SSO_LINK_NOT_FOUND.error("user_id", userId);
        }
        // Touching the row makes PostgreSQL announce the user to every node (change feed), which drops
        // the cached SSO credentials of the user; this node drops them through the event as well.
        u.setUpdatedAt(Timestamps.now());
        users.flush();
        credentials.fire(new UserCredentialsChanged(userId, false));
        audit.record(AuditEvent.of("user.sso.unlink").user(userId).detail("issuer", iss).detail("subject", subject));
        LOG.info("SSO identity of " + iss + " unlinked from user " + userId + " by " + context.caller().userId());
    }

    private UserEntity adminAndUser(String userId, boolean lock) {
        // A presented but invalid credential is surfaced (this is not a TTS method that must hide it).
        context.requireValidCredential();
        if (!context.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        UserValidation.bareUserId(userId);
        UserEntity u = lock ? users.lock(userId, true) : users.find(userId, true);
        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        return u;
    }

    private String issuer(String issuer) {
        String iss = issuer == null || issuer.isBlank() ? config.ssoIssuer() : issuer.trim();
        if (iss.isEmpty()) {
            throw Validation.invalid("issuer", "value is required (no mp.jwt.verify.issuer is configured)");
        }
        if (iss.length() > MAX_ISSUER) {
            throw Validation.invalid("issuer", "value length must be at most " + MAX_ISSUER + " characters");
        }
        return iss;
    }

    private static String subject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw Validation.invalid("subject", "value is required");
        }
        if (subject.length() > MAX_SUBJECT) {
            throw Validation.invalid("subject", "value length must be at most " + MAX_SUBJECT + " characters");
        }
        return subject;
    }

}
