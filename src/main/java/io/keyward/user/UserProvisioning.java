package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.entity.EmailAddresses;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.error.Validation;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonP;
import io.keyward.wire.Timestamps;
import io.keyward.wire.Page;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Provisioning by an identity provider (SCIM, issue 17): the use cases an IdP drives, expressed with the
 * registry's own rules. Creation is {@link UserCreation#createTrusted} (ID rule, blocklist, e-mail rule,
 * approved, address validated because the IdP vouches for it, no local password); every later change is a
 * {@link UserRegistry} update or delete with its rights checks, last-admin rule, notifications and
 * credential events. What is provisioning's own: {@code externalId} is the user's SSO link (issuer, subject),
 * and deactivation also revokes every API key and OAuth token of the user in the same transaction.
 * Only the provisioning caller ({@link Caller.Kind#SCIM}) may call it. One container transaction per call.
 */
@Stateless
public class UserProvisioning {
    /** Issuer of the links made from externalIds when no SSO issuer is configured: no accepted token carries it. */
    public static final String FALLBACK_ISSUER = "urn:keyward:scim";
    static final String DEACTIVATED = "deactivated by the identity provider";

    @Inject
    UserRegistry registry;

    @Inject
    UserCreation creation;

    @Inject
    UserStore store;

    @Inject
    SsoLinkStore links;

    @Inject
    CallerContext context;

    @Inject
    EntityRights rights;

    @Inject
    KeywardConfig config;

    @Inject
    Event<UserCredentialsChanged> credentials;

    @Inject
    AuditTrail audit;

    /**
     * What an IdP says about a user. Null fields (but the ID) are left as they are on replace;
     * an empty {@code externalId} removes the link.
     */
    public record Profile(String userId, String name, String email, Boolean active, String externalId) {
    }

    /** A user as provisioning sees it; {@code active} is STATE_APPROVED. */
    public record Account(String userId, String name, String email, boolean active, boolean admin, String externalId,
                          Instant createdAt, Instant updatedAt) {
    }

    /** Conditions of a list, all that are non-null must hold. */
    public record Filter(String userId, String email, String externalId, Boolean active) {
        public static final Filter ALL = new Filter(null, null, null, null);
    }


    public Account create(Profile p) {
        requireProvisioner();
        if (!context.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        String externalId = externalId(p.externalId());
        UserEntity u = creation.createTrusted(new UserCreation.TrustedUser(p.userId(), p.name(), p.email(), true,
                null, false, true));
        if (externalId != null && !externalId.isEmpty()) {
            links.insert(u.getId(), issuer(), externalId);
            audit.record(AuditEvent.of("user.sso.link").user(u.getUserId()).detail("issuer", issuer()).detail("subject", externalId));
        }
        if (Boolean.FALSE.equals(p.active())) {
            deactivate(u.getUserId());
        }
        return account(u, externalId == null || externalId.isEmpty() ? null : externalId);
    }

    public Account get(String userId) {
        requireProvisioner();
        UserEntity u = store.find(userId, false);
        rights.requireLoaded(EntityIdentifiers.user(userId), u != null, Right.RIGHT_USER_INFO);
        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        return account(u, links.subjects(List.of(u.getId()), issuer()).get(u.getId()));
    }

    /**
     * Sets what {@code change} makes of the user, in one transaction: the user is locked first and
     * {@code change} sees it as it is now, so that a PATCH's operations apply to the state they change and a
     * precondition (If-Match) is checked against it; {@code change} refuses by throwing. Each change goes
     * through UserRegistry's update.
     */
    public Account replace(String userId, Function<Account, Profile> change) {
        requireProvisioner();
        UserEntity u = locked(userId, Right.RIGHT_USER_SETTINGS_BASIC);
        Profile p = change.apply(account(u, links.subjects(List.of(u.getId()), issuer()).get(u.getId())));
        String externalId = externalId(p.externalId());
        boolean wasActive = u.getState() == State.STATE_APPROVED.number();
        JsonObjectBuilder user = JsonP.object();
        List<String> paths = new ArrayList<>();
        if (p.name() != null) {
            String name = UserCreation.truncate(p.name(), UserCreation.MAX_NAME_RUNES);
            if (!name.equals(u.getName())) {
                user.add("name", name);
                paths.add("name");
            }
        }
        if (p.email() != null) {
            if (!EmailAddresses.isValid(p.email())) {
                throw Errors.INVALID_EMAIL.error("email", p.email());
            }
            // The IdP vouches for the address. Validated first: an admin's change of the address keeps the
            // validation time (TTS), and no validation mail goes out.
            if (u.getPrimaryEmailAddressValidatedAt() == null) {
                update(userId, JsonP.object().add("primary_email_address_validated_at", Timestamps.format(Timestamps.now())),
                        List.of("primary_email_address_validated_at"));
            }
            if (!p.email().equals(u.getPrimaryEmailAddress())) {
                user.add("primary_email_address", p.email());
                paths.add("primary_email_address");
            }
        }
        if (!paths.isEmpty()) {
            update(userId, user, paths);
        }
        if (externalId != null) {
            relink(u, externalId);
        }
        if (p.active() != null && p.active() != wasActive) {
            if (p.active()) {
                update(userId, JsonP.object().add("state", State.STATE_APPROVED.fullName()), List.of("state"));
            } else {
                deactivate(userId);
            }
        }
        return get(userId);
    }

    /**
     * Keyward's delete (soft, restorable by an admin within the restore window), in one transaction with
     * {@code precondition}, which sees the locked user and refuses by throwing.
     */
    public void delete(String userId, Consumer<Account> precondition) {
        requireProvisioner();
        UserEntity u = locked(userId, Right.RIGHT_USER_DELETE);
        precondition.accept(account(u, null));
        registry.delete(userId);
    }

    public Page<Account> list(Filter f, int offset, int count) {
        requireProvisioner();
        if (!context.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        String issuer = issuer();
        Page<UserEntity> page = store.provisioned(f.userId(), f.email(), issuer, f.externalId(), f.active(), offset, count);
        Map<Long, String> subjects = links.subjects(page.items().stream().map(UserEntity::getId).toList(), issuer);
        return page.map(u -> account(u, subjects.get(u.getId())));
    }

    /** The admins (non-deleted), by user ID. */
    public List<Account> admins() {
        requireProvisioner();
        if (!context.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        return store.activeAdmins().stream().map(u -> account(u, null)).toList();
    }

    /** Makes the users admins ({@code admin}) or not; the last admin stays (UserRegistry's rule). */
    public void setAdmin(Collection<String> userIds, boolean admin) {
        requireProvisioner();
        for (String userId : userIds) {
            UserEntity u = locked(userId, Right.RIGHT_USER_SETTINGS_BASIC);
            if (u.isAdmin() != admin) {
                update(userId, JsonP.object().add("admin", admin), List.of("admin"));
            }
        }
    }

    /** Exactly these users are admins: the new ones are made admins before the others lose it. */
    public void replaceAdmins(Collection<String> userIds) {
        Set<String> wanted = new HashSet<>(userIds);
        setAdmin(wanted, true);
        List<String> others = new ArrayList<>();
        for (UserEntity u : store.activeAdmins()) {
            if (!wanted.contains(u.getUserId())) {
                others.add(u.getUserId());
            }
        }
        setAdmin(others, false);
    }

    // ------------------------------------------------------------------ helpers

    /** The user, locked for the rest of the transaction, after the rights check; USER_NOT_FOUND if none. */
    private UserEntity locked(String userId, Right right) {
        UserEntity u = store.lock(userId, false);
        rights.requireLoaded(EntityIdentifiers.user(userId), u != null, right);
        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        return u;
    }

    /**
     * Suspended, and every API key and OAuth token of the user deleted in this transaction: they stop
     * working on the next request, on every node (the database announces the deletions).
     */
    private void deactivate(String userId) {
        update(userId, JsonP.object().add("state", State.STATE_SUSPENDED.fullName()).add("state_description", DEACTIVATED),
                List.of("state", "state_description"));
        credentials.fire(new UserCredentialsChanged(userId, true, true));
    }

    private void relink(UserEntity u, String externalId) {
        String issuer = issuer();
        String current = links.subjects(List.of(u.getId()), issuer).get(u.getId());
        if (externalId.equals(current == null ? "" : current)) {
            return;
        }
        if (current != null) {
            links.delete(u.getId(), issuer, current);
            audit.record(AuditEvent.of("user.sso.unlink").user(u.getUserId()).detail("issuer", issuer).detail("subject", current));
        }
        boolean linked = !externalId.isEmpty();
        if (linked) {
            links.insert(u.getId(), issuer, externalId);
            audit.record(AuditEvent.of("user.sso.link").user(u.getUserId()).detail("issuer", issuer).detail("subject", externalId));
        }
        // The old identity's SSO tokens stop working at once on every node (the row change is announced);
        // as when an admin links an identity, OAuth tokens of earlier password logins go unless local
        // passwords stay allowed.
        u.setUpdatedAt(Timestamps.now());
        store.flush();
        credentials.fire(new UserCredentialsChanged(u.getUserId(),
                linked && !config.bool(KeywardConfig.Option.SSO_ALLOW_LOCAL_PASSWORD)));
    }

    private void update(String userId, JsonObjectBuilder user, List<String> paths) {
        JsonArrayBuilder p = JsonP.array();
        paths.forEach(p::add);
        registry.update(UserRequests.UpdateUser.parse(userId,
                JsonIn.of(JsonP.object().add("user", user).add("field_mask", JsonP.object().add("paths", p)).build())));
    }

    private void requireProvisioner() {
        Caller caller = context.requireValidCredential();
        if (caller.kind() != Caller.Kind.SCIM) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
    }

    private static String externalId(String externalId) {
        if (externalId != null && externalId.length() > SsoLinks.MAX_SUBJECT) {
            throw Validation.invalid("externalId", "value length must be at most " + SsoLinks.MAX_SUBJECT + " characters");
        }
        return externalId;
    }

    /** The SSO issuer that externalIds are subjects of. */
    public String issuer() {
        String issuer = config.ssoIssuer();
        return issuer.isEmpty() ? FALLBACK_ISSUER : issuer;
    }

    private static Account account(UserEntity u, String externalId) {
        return new Account(u.getUserId(), u.getName(), u.getPrimaryEmailAddress(),
                u.getState() == State.STATE_APPROVED.number(), u.isAdmin(), externalId, u.getCreatedAt(), u.getUpdatedAt());
    }
}
