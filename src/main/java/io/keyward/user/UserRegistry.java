package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.PasswordHasher;
import io.keyward.crypto.Secrets;
import io.keyward.crypto.Tokens;
import io.keyward.entity.EmailAddresses;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.user.UserMapper.ReadOptions;
import io.keyward.user.UserRequests.CreateUser;
import io.keyward.user.UserRequests.ListUsers;
import io.keyward.user.UserRequests.SearchUsers;
import io.keyward.user.UserRequests.UpdateUser;
import io.keyward.user.UserValidation.Where;
import io.keyward.wire.FieldMask;
import io.keyward.wire.JsonOut;
import io.keyward.wire.JsonP;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * UserRegistry (API.md §4) and SearchUsers (§5): the rules of every user method, one container
 * transaction per call (Get: none of its own). Checks run in The Things Stack's order — request mapping, field mask, message
 * validation, then rights and business rules — so clients see the same first error. Entities never
 * leave: answers are wire JSON built by {@link UserMapper}. Side effects (mail, notifications,
 * credential changes, invitation use) are CDI events fired inside the transaction, so they happen
 * exactly when the change commits.
 */
@Stateless
public class UserRegistry {
    private static final Logger LOG = Logger.getLogger(UserRegistry.class.getName());
    static final Duration TEMPORARY_PASSWORD_TTL = Duration.ofHours(1);
    static final Duration ADMIN_TEMPORARY_PASSWORD_TTL = Duration.ofHours(36);
    static final String APPROVAL_REQUIRED = "admin approval required";
    static final String CONTACT_INFO_WARNING = "Contact info is deprecated and will be removed in the next major release";

    @Inject
    UserStore store;

    @Inject
    UserCreation creation;

    @Inject
    SsoLinkStore ssoLinks;

    @Inject
    UserReader reader;

    @Inject
    CallerContext context;

    @Inject
    EntityRights rights;

    @Inject
    KeywardConfig config;

    @Inject
    AuditTrail audit;

    @Inject
    Event<MailRequest> mail;

    @Inject
    Event<NotificationRequest> notifications;

    @Inject
    Event<UserCredentialsChanged> credentials;

    @Inject
    Event<InvitationTokenUsed> invitations;

    @Inject
    Event<EmailValidationRequested> emailValidations;

    /** An answer with X-Warning values. */
    public record Answer(JsonObject body, List<String> warnings) {
    }

    // ================================================================== Create

    /**
     * The checks of Create that come before its password is hashed, in TTS's order; they touch no
     * database. {@link UserSignup} runs them before it hashes outside any transaction, so a request that
     * would be refused costs no hash.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void checkCreate(CreateUser request) {
        precheck(request);
        if (!context.isAdmin() && !config.registrationEnabled()) {
            throw Errors.USER_REGISTRATION_DISABLED.error();
        }
        policy().check(request.user().userId, request.user().password);
    }

    /** {@code POST /users} (API.md §4.1), hashing the password here (in-container callers). */
    public JsonObject create(CreateUser request) {
        return create(request, null);
    }

    /**
     * {@code POST /users} (API.md §4.1).
     *
     * @param passwordHash the password's hash, computed by the caller before the transaction
     * ({@link UserSignup}), or null to hash it here
     */
    public JsonObject create(CreateUser request, String passwordHash) {
        UserInput in = precheck(request);
        boolean admin = context.isAdmin();
        Caller caller = context.caller();
        Instant now = Timestamps.now();
        UserEntity u = new UserEntity();
        u.setUserId(in.userId);
        u.setCreatedAt(now);
        u.setUpdatedAt(now);
        u.setName(in.name);
        u.setDescription(in.description);
        u.setAttributes(in.attributes);
        u.setPrimaryEmailAddress(in.primaryEmailAddress);
        u.setStateDescription(in.stateDescription);
        if (admin) {
            // Admins create users exactly as given; an omitted state is STATE_REQUESTED, as in TTS.
            u.setPrimaryEmailAddressValidatedAt(in.primaryEmailAddressValidatedAt);
            u.setRequirePasswordUpdate(in.requirePasswordUpdate);
            u.setAdmin(in.admin);
            u.setState((short) in.state.number());
            if (!in.temporaryPassword.isEmpty()) {
                // Unlike TTS, a temporary password given by an admin is stored hashed too.
                u.setTemporaryPasswordHash(PasswordHasher.hash(in.temporaryPassword));
                u.setTemporaryPasswordCreatedAt(in.temporaryPasswordCreatedAt);
                u.setTemporaryPasswordExpiresAt(in.temporaryPasswordExpiresAt);
            }
        } else {
            if (!config.registrationEnabled()) {
                throw Errors.USER_REGISTRATION_DISABLED.error();
            }
            // Server-controlled fields: a self-registered user is never an admin, never pre-validated.
            if (config.adminApprovalRequired()) {
                u.setState((short) State.STATE_REQUESTED.number());
                u.setStateDescription(APPROVAL_REQUIRED);
            } else {
                u.setState((short) State.STATE_APPROVED.number());
            }
        }
        policy().check(in.userId, in.password);
        u.setPasswordHash(passwordHash != null ? passwordHash : PasswordHasher.hash(in.password));
        u.setPasswordUpdatedAt(now);
        if (in.profilePicture != null) {
            requirePictureUploads();
            u.setProfilePicture(in.profilePicture.toJson().toString());
        }
        if (in.consolePreferences != null) {
            u.setConsolePreferences(in.consolePreferences.toJson().toString());
        }

        creation.insert(u, true);
        if (!request.invitationToken().isEmpty()) {
            invitations.fire(new InvitationTokenUsed(request.invitationToken(), u.getUserId()));
        }
        JsonObject created = UserMapper.full(u, pictureUrlPrefix(), u.getAttributes());
        if (u.getState() == State.STATE_REQUESTED.number()) {
            notifyAdminsOfRequest(u, created, caller.userId());
        }
        LOG.fine(() -> "user.create " + u.getUserId());
        return created;
    }

    /** Validation, blocklist, invitation requirement and address, in TTS's order. */
    private UserInput precheck(CreateUser request) {
        Where user = Where.of("user", "CreateUserRequest");
        if (!request.hasUser()) {
            throw user.fail("value is required");
        }
        UserInput in = request.user();
        UserValidation.user(in, user, null, true);
        if (UserValidation.isBlocked(in.userId, config.extraBlockedUserIds())) {
            throw Errors.FORBIDDEN_ID.error("id", in.userId);
        }
        if (config.invitationRequired() && request.invitationToken().isEmpty() && !context.isAdmin()) {
            throw Errors.INVITATION_TOKEN_REQUIRED.error();
        }
        if (!EmailAddresses.matchesTtsRegex(in.primaryEmailAddress)) {
            throw Errors.INVALID_EMAIL.error("email", in.primaryEmailAddress);
        }
        return in;
    }

    private void notifyAdminsOfRequest(UserEntity u, JsonObject created, String sender) {
        List<UserEntity> admins = store.activeAdmins();
        if (admins.isEmpty()) {
            return;
        }
        // TTS puts the whole CreateUserRequest here, password hash included; Keyward leaves secrets out.
        JsonObject data = JsonP.object()
                .add("@type", "type.googleapis.com/ttn.lorawan.v3.CreateUserRequest")
                .add("user", created)
                .build();
        notifications.fire(new NotificationRequest(u.getUserId(), "user_requested", data, sender,
                List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"),
                admins.stream().map(UserEntity::getUserId).toList(), false));
        for (UserEntity admin : admins) {
            mail.fire(new MailRequest("user_requested", admin.getPrimaryEmailAddress(), admin.getName(),
                    values("user_id", u.getUserId(), "user_name", u.getName(),
                            "user_email", u.getPrimaryEmailAddress(), "receiver_id", admin.getUserId()), Map.of()));
        }
    }

    /** The contact-info component turns this into an e-mail validation (token + {@code validate} mail). */
    private void requestEmailValidation(UserEntity u) {
        emailValidations.fire(new EmailValidationRequested(u.getUserId(), u.getPrimaryEmailAddress()));
    }

    // ================================================================== Get

    /** A Get's answer: the user, or the catalogue error the caller gets instead. */
    public record Read(JsonObject user, KeywardException error) {
        public JsonObject orThrow() {
            if (error != null) {
                throw error;
            }
            return user;
        }
    }

    /**
     * {@code GET /users/{user_id}} for callers inside a use case (tests, other services); the HTTP Get goes
     * to {@link UserReader} directly, without this bean's container. Its error is returned, not thrown: a
     * catalogue error thrown out of an EJB method that runs without a transaction makes the container
     * roll back the method's local transaction, which Liberty logs as an ERROR ({@code WLTC0017E}).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Read read(String userId, FieldMask mask) {
        try {
            return new Read(reader.get(userId, mask), null);
        } catch (KeywardException e) {
            return new Read(null, e);
        }
    }

    // ================================================================== List and Search

    /** {@code GET /users} (API.md §4.3): admins only, credential errors swallowed. */
    public Page<JsonObject> list(ListUsers request) {
        request.mask().requireAllowed(UserFields.READ);
        Paging paging = orderAndPaging("ListUsersRequest", request.order(), request.limit(), request.page());
        if (!context.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        return page(UserQuery.list(request.deleted(), request.order(), paging), request.mask());
    }

    /** {@code GET /search/users} (API.md §5): admins only, credential errors surface. */
    public Page<JsonObject> search(SearchUsers r) {
        r.mask().requireAllowed(UserFields.READ);
        checkTerm("query", r.query());
        checkTerm("id_contains", r.idContains());
        checkTerm("name_contains", r.nameContains());
        checkTerm("description_contains", r.descriptionContains());
        UserValidation.attributes(r.attributesContain(), Where.of("attributes_contain", "SearchUsersRequest"), 10, 50);
        if (new TreeSet<>(r.states()).size() != r.states().size()) {
            throw Where.of("state", "SearchUsersRequest").fail("repeated value must contain unique items");
        }
        Paging paging = orderAndPaging("SearchUsersRequest", r.order(), r.limit(), r.page());
        context.requireValidCredential();
        if (!context.isAdmin()) {
            throw Errors.SEARCH_FORBIDDEN.error();
        }
        // The fields the filters look at are part of the answer, as in TTS.
        List<String> extra = new ArrayList<>();
        if (!r.idContains().isEmpty()) {
            extra.add("ids");
        }
        if (!r.nameContains().isEmpty()) {
            extra.add("name");
        }
        if (!r.descriptionContains().isEmpty()) {
            extra.add("description");
        }
        if (!r.attributesContain().isEmpty()) {
            extra.add("attributes");
        }
        if (!r.states().isEmpty()) {
            extra.add("state");
        }
        UserQuery q = new UserQuery(r.query(), r.idContains(), r.nameContains(), r.descriptionContains(),
                r.attributesContain(), r.states(), r.deleted(), r.order(), paging);
        return page(q, r.mask().with(extra.toArray(new String[0])));
    }

    private static void checkTerm(String field, String value) {
        if (UserValidation.runes(value) > 50) {
            throw Where.of(field, "SearchUsersRequest").fail("value length must be at most 50 runes");
        }
    }

    private Paging orderAndPaging(String message, String order, long limit, long page) {
        if (!UserValidation.USER_ORDERS.contains(order)) {
            throw Where.of("order", message).fail("value must be in list " + UserValidation.goList(UserValidation.USER_ORDERS));
        }
        if (limit > Paging.MAX_LIMIT) {
            throw Where.of("limit", message).fail("value must be less than or equal to " + Paging.MAX_LIMIT);
        }
        return Paging.of(limit, page, config.defaultPageLimit());
    }

    private Page<JsonObject> page(UserQuery q, FieldMask mask) {
        Page<UserEntity> page = store.search(q);
        Map<Long, Map<String, String>> attributes = mask.touches("attributes")
                ? store.attributesOf(page.items().stream().map(UserEntity::getId).toList())
                : Map.of();
        return page.map(u -> UserMapper.read(u, mask, attributes.getOrDefault(u.getId(), Map.of()), ReadOptions.LIST));
    }

    // ================================================================== Update

    /** {@code PUT /users/{user_id}} (API.md §4.4). */
    public Answer update(UpdateUser request) {
        FieldMask mask = request.mask();
        mask.requireAllowed(UserFields.UPDATE);
        UserInput in = request.user();
        String userId = in.userId;
        UserValidation.user(in, Where.of("user", "UpdateUserRequest"), mask.isEmpty() ? null : mask, false);
        // Locked before the rights check so that the check needs no query of its own (issue 8); a denied
        // caller's transaction ends, and the lock with it, right away.
        UserEntity u = store.lock(userId, false);
        rights.requireLoaded(EntityIdentifiers.user(userId), u != null, Right.RIGHT_USER_SETTINGS_BASIC);
        Caller caller = context.caller();
        boolean admin = caller.admin();

        Set<String> paths = new TreeSet<>(mask.paths());
        paths.removeIf(p -> UserFields.ALWAYS.contains(UserFields.top(p)));
        if (paths.contains("primary_email_address") && !EmailAddresses.matchesTtsRegex(in.primaryEmailAddress)) {
            throw Errors.INVALID_EMAIL.error("email", in.primaryEmailAddress);
        }
        if (!admin) {
            for (String field : UserFields.ADMIN_ONLY) {
                if (paths.contains(field)) {
                    throw Errors.UPDATE_ADMIN_FIELD.error("field", field);
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        if (paths.remove("contact_info")) {
            warnings.add(CONTACT_INFO_WARNING);
        }
        boolean picture = paths.removeIf(p -> UserFields.top(p).equals("profile_picture"));
        if (picture) {
            paths.add("profile_picture");
            if (in.profilePicture != null) {
                requirePictureUploads();
            }
        }

        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        Instant now = Timestamps.now();
        JsonObject before = UserAudit.snapshot(u, mask);
        Instant validatedBefore = u.getPrimaryEmailAddressValidatedAt();
        boolean emailChanged = paths.contains("primary_email_address");
        Set<String> answer = new TreeSet<>(paths);
        for (String path : paths) {
            switch (path) {
                case "name" -> u.setName(in.name);
                case "description" -> u.setDescription(in.description);
                case "attributes" -> u.setAttributes(in.attributes);
                case "primary_email_address" -> {
                    u.setPrimaryEmailAddress(in.primaryEmailAddress);
                    if (!admin) {
                        u.setPrimaryEmailAddressValidatedAt(null);
                        answer.add("primary_email_address_validated_at");
                    }
                }
                case "primary_email_address_validated_at" -> {
                    // An admin who also changes the address keeps the old validation time (TTS quirk).
                    if (!emailChanged) {
                        u.setPrimaryEmailAddressValidatedAt(in.primaryEmailAddressValidatedAt);
                    }
                }
                case "require_password_update" -> u.setRequirePasswordUpdate(in.requirePasswordUpdate);
                case "state" -> {
                    u.setState((short) in.state.number());
                    if (!paths.contains("state_description")) {
                        u.setStateDescription("");
                        answer.add("state_description");
                    }
                }
                case "state_description" -> u.setStateDescription(in.stateDescription);
                case "admin" -> {
                    // TTS refuses any change of the flag on the last admin, even to true.
                    if (u.isAdmin() && store.lockActiveAdmins().size() <= 1) {
                        throw Errors.LAST_ADMIN.error();
                    }
                    u.setAdmin(in.admin);
                }
                case "temporary_password" -> {
                    if (in.temporaryPassword.isEmpty()) {
                        u.setTemporaryPasswordHash("");
                    } else {
                        if (!ssoLinks.localPasswordAllowed(u.getId())) {
                            throw Errors.LOCAL_PASSWORD_DISABLED.error("user_id", userId);
                        }
                        u.setTemporaryPasswordHash(PasswordHasher.hash(in.temporaryPassword));
                        if (!paths.contains("temporary_password_created_at")) {
                            u.setTemporaryPasswordCreatedAt(now);
                            answer.add("temporary_password_created_at");
                        }
                        if (!paths.contains("temporary_password_expires_at")) {
                            u.setTemporaryPasswordExpiresAt(now.plus(ADMIN_TEMPORARY_PASSWORD_TTL));
                            answer.add("temporary_password_expires_at");
                        }
                    }
                }
                case "temporary_password_created_at" -> u.setTemporaryPasswordCreatedAt(in.temporaryPasswordCreatedAt);
                case "temporary_password_expires_at" -> u.setTemporaryPasswordExpiresAt(in.temporaryPasswordExpiresAt);
                case "profile_picture" -> u.setProfilePicture(in.profilePicture == null ? null : in.profilePicture.toJson().toString());
                default -> {
                    if (UserFields.top(path).equals("console_preferences")) {
                        updateConsolePreferences(u, path, in.consolePreferences);
                    }
                    // deleted_at and password-related paths have no effect here.
                }
            }
        }
        u.setUpdatedAt(now);
        store.flush();
        AuditEvent updated = AuditEvent.of("user.update").user(userId).detail("field_mask", paths);
        if (paths.contains("temporary_password")) {
            updated.changeWithoutValues("temporary_password");
        }
        audit.record(UserAudit.changes(updated, before, UserAudit.snapshot(u, mask)));

        boolean validationChanged = !java.util.Objects.equals(validatedBefore, u.getPrimaryEmailAddressValidatedAt());
        if (paths.contains("state") || paths.contains("admin") || validationChanged) {
            credentials.fire(new UserCredentialsChanged(userId, false));
        }
        if (paths.contains("state")) {
            notifyStateChanged(u, caller.userId());
        }
        if (emailChanged && u.getPrimaryEmailAddressValidatedAt() == null) {
            requestEmailValidation(u);
        }
        answer.remove("temporary_password");
        FieldMask answerMask = FieldMask.of(answer);
        JsonObject body = UserMapper.read(u, answerMask, UserMapper.attributesIfAsked(u, answerMask),
                new ReadOptions(false, false, pictureUrlPrefix()));
        return new Answer(body, warnings);
    }

    /**
     * {@code console_preferences} replaces the whole message; its three sub-messages each replace only
     * themselves; deeper paths are accepted and have no effect, as in TTS.
     */
    private static void updateConsolePreferences(UserEntity u, String path, UserInput.ConsolePreferences in) {
        if (path.equals("console_preferences")) {
            u.setConsolePreferences(in == null ? null : in.toJson().toString());
            return;
        }
        JsonObject stored = UserInput.storedJson(u.getConsolePreferences());
        var b = JsonP.object(stored);
        switch (path) {
            case "console_preferences.console_theme" -> {
                ConsoleTheme theme = in == null ? ConsoleTheme.CONSOLE_THEME_SYSTEM : in.theme();
                if (theme == ConsoleTheme.CONSOLE_THEME_SYSTEM) {
                    b.remove("console_theme");
                } else {
                    b.add("console_theme", theme.fullName());
                }
            }
            case "console_preferences.dashboard_layouts" -> {
                if (in == null || in.dashboardLayouts() == null) {
                    b.remove("dashboard_layouts");
                } else {
                    b.add("dashboard_layouts", UserInput.ConsolePreferences.layoutsJson(in.dashboardLayouts()));
                }
            }
            case "console_preferences.sort_by" -> {
                if (in == null || in.sortBy() == null) {
                    b.remove("sort_by");
                } else {
                    b.add("sort_by", UserInput.ConsolePreferences.sortByJson(in.sortBy()));
                }
            }
            default -> {
                return;
            }
        }
        // Keep the proto order of the three sub-messages.
        JsonObject merged = b.build();
        var ordered = JsonP.object();
        for (String k : List.of("console_theme", "dashboard_layouts", "sort_by")) {
            if (merged.containsKey(k)) {
                ordered.add(k, merged.get(k));
            }
        }
        u.setConsolePreferences(ordered.build().toString());
    }

    private void notifyStateChanged(UserEntity u, String sender) {
        State state = State.ofNumber(u.getState());
        JsonObject data = JsonOut.object()
                .string("@type", "type.googleapis.com/ttn.lorawan.v3.EntityStateChangedNotification")
                .enumValue("state", state)
                .string("state_description", u.getStateDescription())
                .build();
        notifications.fire(new NotificationRequest(u.getUserId(), "entity_state_changed", data, sender,
                List.of("NOTIFICATION_RECEIVER_COLLABORATOR"), List.of(u.getUserId()), false));
        mail.fire(new MailRequest("entity_state_changed", u.getPrimaryEmailAddress(), u.getName(),
                values("user_id", u.getUserId(), "state", state.fullName(), "state_description", u.getStateDescription()),
                Map.of()));
    }

    // ================================================================== Delete, Restore, Purge

    /** {@code DELETE /users/{user_id}} (API.md §4.5): soft delete. */
    public void delete(String userId) {
        UserValidation.bareUserId(userId);
        rights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_DELETE);
        UserEntity u = store.lock(userId, false);
        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        if (u.isAdmin() && store.lockActiveAdmins().size() <= 1) {
            throw Errors.LAST_ADMIN.error();
        }
        u.setDeletedAt(Timestamps.now());
        store.flush();
        audit.record(AuditEvent.of("user.delete").user(userId));
        // Its sessions end, as TTS hard-deletes a deleted user's sessions; they stay ended after a restore.
        credentials.fire(new UserCredentialsChanged(userId, true));
    }

    /** {@code POST /users/{user_id}/restore} (API.md §4.6): within the restore window. */
    public void restore(String userId) {
        UserValidation.bareUserId(userId);
        rights.require(EntityIdentifiers.user(userId), true, Rights.of(Right.RIGHT_USER_DELETE));
        UserEntity u = store.lock(userId, true);
        if (u == null || u.getDeletedAt() == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        Duration window = config.restoreWindow();
        Instant now = Timestamps.now();
        if (window.isZero() || u.getDeletedAt().plus(window).isBefore(now)) {
            throw Errors.RESTORE_WINDOW_EXPIRED.error();
        }
        u.setDeletedAt(null);
        store.flush();
        audit.record(AuditEvent.of("user.restore").user(userId));
        credentials.fire(new UserCredentialsChanged(userId, false));
    }

    /** {@code DELETE /users/{user_id}/purge} (API.md §4.7): admins only; removes the user and what it owns. */
    public void purge(String userId) {
        UserValidation.bareUserId(userId);
        if (!context.isAdmin()) {
            throw Errors.ADMINS_PURGE_USERS.error();
        }
        // An admin purging itself would leave the server without the caller's admin, and may be a stolen
        // credential erasing its traces: another admin must do it.
        if (userId.equals(context.caller().userId())) {
            throw Errors.PURGE_SELF.error();
        }
        UserEntity u = store.lock(userId, true);
        if (u == null) {
            throw Errors.ENTITY_NOT_FOUND.error("entity_type", "user", "entity_id", userId);
        }
        // As Delete: the server must stay administrable (the admins are locked, so two concurrent purges
        // of the last two admins cannot both pass).
        if (u.isAdmin() && u.getDeletedAt() == null && store.lockActiveAdmins().size() <= 1) {
            throw Errors.LAST_ADMIN.error(); // TTS never fills the attribute (API.md §12)
        }
        // Before the row goes, so that observers can still resolve the user.
        credentials.fire(new UserCredentialsChanged(userId, false));
        store.remove(u);
        audit.record(AuditEvent.of("user.purge").user(userId));
    }

    // ================================================================== Passwords

    /**
     * The write of {@code POST /users/{user_id}/temporary_password} (API.md §4.9): {@link TemporaryPasswords}
     * made the secret and its hash before the transaction. Deliberately unlike TTS: the answer is the same
     * for unknown users and while a temporary password is still valid (then nothing new is made), and the
     * secret is only ever written into the mail, never to a log.
     */
    public void storeTemporaryPassword(String userId, String secret, String hash) {
        UserEntity u = store.lock(userId, false);
        if (u == null) {
            audit.refused(temporaryPasswordRefused(userId, "user_not_found"));
            return;
        }
        // A user linked to an SSO identity gets no local password (issue 12 §4). Answered like an unknown
        // user, so that this anonymous method does not tell which accounts are linked.
        if (!ssoLinks.localPasswordAllowed(u.getId())) {
            audit.refused(temporaryPasswordRefused(userId, "local_password_disabled"));
            return;
        }
        Instant now = Timestamps.now();
        if (!u.getTemporaryPasswordHash().isEmpty() && u.getTemporaryPasswordExpiresAt() != null
                && u.getTemporaryPasswordExpiresAt().isAfter(now)) {
            audit.refused(temporaryPasswordRefused(userId, "temporary_password_still_valid"));
            return;
        }
        u.setTemporaryPasswordHash(hash);
        u.setTemporaryPasswordCreatedAt(now);
        u.setTemporaryPasswordExpiresAt(now.plus(TEMPORARY_PASSWORD_TTL));
        u.setUpdatedAt(now);
        store.flush();
        audit.record(AuditEvent.of("user.temporary-password.create").user(userId)
                .detail("expires_at", Timestamps.format(u.getTemporaryPasswordExpiresAt())));
        String link = config.string(Option.EMAIL_IDENTITY_SERVER_URL).replaceAll("/+$", "")
                + "/update-password?user=" + userId + "&current=" + secret;
        mail.fire(new MailRequest("temporary_password", u.getPrimaryEmailAddress(), u.getName(),
                values("user_id", userId), values("temporary_password", secret, "link", link)));
    }

    // ================================================================== helpers

    /**
     * A temporary-password request that made nothing: recorded on its own (the answer is the same {@code {}}
     * as for a made one, so the record, which only admins and the user read, is where the reason shows).
     */
    private static AuditEvent temporaryPasswordRefused(String userId, String reason) {
        return AuditEvent.of("user.temporary-password.create").user(userId).outcome(AuditEvent.FAILURE).detail("reason", reason);
    }

    private PasswordPolicy policy() {
        return new PasswordPolicy(PasswordPolicy.Requirements.from(config));
    }

    private void requirePictureUploads() {
        if (config.bool(Option.PROFILE_PICTURE_DISABLE_UPLOAD)) {
            throw Errors.PROFILE_PICTURE_UPLOADS_DISABLED.error();
        }
    }

    private String pictureUrlPrefix() {
        return config.string(Option.PROFILE_PICTURE_BUCKET_URL);
    }

    private static Map<String, String> values(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
        }
        return out;
    }
}
