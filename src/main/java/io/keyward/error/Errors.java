package io.keyward.error;

/** The error catalogue (API.md §12): every error Keyward returns is declared here, once. */
public final class Errors {
    private Errors() {
    }

    private static final String ERRORS = "pkg/errors";
    private static final String IS = "pkg/identityserver";
    private static final String STORE = "pkg/identityserver/store";
    private static final String RIGHTS = "pkg/auth/rights";

    // Request validation
    public static final ErrorDefinition VALIDATION = new ErrorDefinition(ERRORS, "validation",
            "invalid `{field}`: {reason}", GrpcCode.INVALID_ARGUMENT, "field", "reason", "name");
    public static final ErrorDefinition IDENTIFIERS = new ErrorDefinition("pkg/ttnpb", "identifiers",
            "invalid identifiers", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition FIELD_MASK_PATHS = new ErrorDefinition("pkg/rpcmiddleware/validator",
            "field_mask_paths", "forbidden path(s) in field mask", GrpcCode.INVALID_ARGUMENT, "forbidden_paths");
    public static final ErrorDefinition INVALID_EMAIL = new ErrorDefinition("pkg/validate", "email",
            "`{email}` is not a valid email.", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition FORBIDDEN_ID = new ErrorDefinition("pkg/identityserver/blocklist",
            "forbidden_id", "the ID `{id}` can not be registered", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition INVALID_TOKEN = new ErrorDefinition("pkg/auth", "token",
            "invalid token", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition REQUEST_TOO_LARGE = new ErrorDefinition("pkg/keyward",
            "request_too_large", "request body larger than `{max_bytes}` bytes", GrpcCode.RESOURCE_EXHAUSTED);

    // Registration and passwords
    public static final ErrorDefinition USER_REGISTRATION_DISABLED = new ErrorDefinition(IS,
            "user_registration_disabled", "user registration disabled", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition INVITATION_TOKEN_REQUIRED = new ErrorDefinition(IS,
            "invitation_token_required", "invitation token required", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition PASSWORD_MIN_LENGTH = new ErrorDefinition(IS,
            "password_strength_min_length", "need at least `{n}` characters", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition PASSWORD_MAX_LENGTH = new ErrorDefinition(IS,
            "password_strength_max_length", "need at most `{n}` characters", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition PASSWORD_UPPERCASE = new ErrorDefinition(IS,
            "password_strength_uppercase", "need at least `{n}` uppercase letter(s)", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition PASSWORD_DIGITS = new ErrorDefinition(IS,
            "password_strength_digits", "need at least `{n}` digit(s)", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition PASSWORD_SPECIAL = new ErrorDefinition(IS,
            "password_strength_special", "need at least `{n}` special character(s)", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition PASSWORD_CONTAINS_USER_ID = new ErrorDefinition(IS,
            "password_contains_user_id", "must not contain user ID", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition COMMON_PASSWORD = new ErrorDefinition(IS,
            "common_password", "must not be too common", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition PASSWORD_EQUALS_OLD = new ErrorDefinition(IS,
            "password_equals_old", "must not equal old password", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition TEMPORARY_PASSWORD_STILL_VALID = new ErrorDefinition(IS,
            "temporary_password_still_valid", "previous temporary password still valid", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition RESTORE_WINDOW_EXPIRED = new ErrorDefinition(IS,
            "restore_window_expired", "this entity can no longer be restored", GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition LOGIN_TOKENS_DISABLED = new ErrorDefinition(IS,
            "login_tokens_disabled", "login tokens are disabled", GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition PROFILE_PICTURE_UPLOADS_DISABLED = new ErrorDefinition(IS,
            "profile_picture_uploads_disabled", "profile picture uploads are disabled", GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition LAST_ADMIN = new ErrorDefinition(STORE,
            "last_admin", "user `{user_id}` is the last admin", GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition INVITATION_EXPIRED = new ErrorDefinition(STORE,
            "invitation_expired", "invitation expired", GrpcCode.FAILED_PRECONDITION, "invitation_token");
    public static final ErrorDefinition INVITATION_ALREADY_USED = new ErrorDefinition(STORE,
            "invitation_already_used", "invitation already used", GrpcCode.FAILED_PRECONDITION, "invitation_token");
    public static final ErrorDefinition VALIDATION_TOKEN_EXPIRED = new ErrorDefinition(STORE,
            "validation_token_expired", "validation token expired", GrpcCode.FAILED_PRECONDITION, "validation_id");
    public static final ErrorDefinition NO_VALIDATION_NEEDED = new ErrorDefinition(IS,
            "no_validation_needed", "no validation needed for this contact info", GrpcCode.INVALID_ARGUMENT);
    public static final ErrorDefinition VALIDATION_TOKEN_ALREADY_USED = new ErrorDefinition(STORE,
            "validation_token_already_used", "validation token already used", GrpcCode.FAILED_PRECONDITION, "validation_id");

    // Authentication
    public static final ErrorDefinition UNAUTHENTICATED = new ErrorDefinition(IS,
            "unauthenticated", "unauthenticated", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition UNSUPPORTED_AUTHORIZATION = new ErrorDefinition(IS,
            "unsupported_authorization", "unsupported authorization method", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition API_KEY_NOT_FOUND_AUTH = new ErrorDefinition(IS,
            "api_key_not_found", "API key not found", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition INVALID_AUTHORIZATION = new ErrorDefinition(IS,
            "invalid_authorization", "invalid authorization", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition API_KEY_EXPIRED = new ErrorDefinition(IS,
            "api_key_expired", "api key expired", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition TOKEN_NOT_FOUND = new ErrorDefinition(IS,
            "token_not_found", "token not found", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition TOKEN_EXPIRED = new ErrorDefinition(IS,
            "token_expired", "token expired", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition OLD_PASSWORD = new ErrorDefinition(IS,
            "old_password", "incorrect old password", GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition TOO_MANY_ATTEMPTS = new ErrorDefinition("pkg/ratelimit",
            "rate_limit_exceeded", "too many failed password checks, retry after `{retry_after}` seconds",
            GrpcCode.RESOURCE_EXHAUSTED);
    public static final ErrorDefinition SSO_IDENTITY_NOT_LINKED = new ErrorDefinition("pkg/keyward",
            "sso_identity_not_linked", "the SSO identity is not linked to user `{user_id}`; an admin must link it",
            GrpcCode.UNAUTHENTICATED);
    public static final ErrorDefinition SSO_USER_REFUSED = new ErrorDefinition("pkg/keyward",
            "sso_user_refused", "no user can be created for the SSO identity's user ID `{user_id}`",
            GrpcCode.PERMISSION_DENIED);
    public static final ErrorDefinition LOCAL_PASSWORD_DISABLED = new ErrorDefinition("pkg/keyward",
            "local_password_disabled", "user `{user_id}` signs in through SSO only; local passwords are disabled",
            GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition HASHING_BUSY = new ErrorDefinition(IS,
            "password_hashing_busy", "too many password checks in progress, retry after `{retry_after}` seconds",
            GrpcCode.UNAVAILABLE);
    public static final ErrorDefinition TEMPORARY_PASSWORD_RATE_LIMITED = new ErrorDefinition("pkg/ratelimit",
            "rate_limit_exceeded", "too many temporary password requests, retry after `{retry_after}` seconds",
            GrpcCode.RESOURCE_EXHAUSTED);
    public static final ErrorDefinition TEMPORARY_PASSWORD_EXPIRED = new ErrorDefinition(IS,
            "temporary_password_expired", "temporary password expired", GrpcCode.UNAUTHENTICATED);

    // Rights
    public static final ErrorDefinition NO_USER_RIGHTS = new ErrorDefinition(RIGHTS,
            "no_user_rights", "no rights for user `{uid}`", GrpcCode.PERMISSION_DENIED);
    public static final ErrorDefinition INSUFFICIENT_USER_RIGHTS = new ErrorDefinition(RIGHTS,
            "insufficient_user_rights", "insufficient rights for user `{uid}`", GrpcCode.PERMISSION_DENIED, "missing");
    public static final ErrorDefinition PERMISSION_DENIED_ERR = new ErrorDefinition(IS,
            "permission_denied", "unauthorized request to restricted resource", GrpcCode.PERMISSION_DENIED);
    public static final ErrorDefinition ADMINS_PURGE_USERS = new ErrorDefinition(IS,
            "admins_purge_users", "users may only be purged by admins", GrpcCode.PERMISSION_DENIED);
    public static final ErrorDefinition PURGE_SELF = new ErrorDefinition("pkg/keyward",
            "purge_self", "admins cannot purge their own account", GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition UPDATE_ADMIN_FIELD = new ErrorDefinition(IS,
            "update_admin_field", "only admins can update the `{field}` field", GrpcCode.PERMISSION_DENIED);
    public static final ErrorDefinition SEARCH_FORBIDDEN = new ErrorDefinition(IS,
            "search_forbidden", "search is forbidden", GrpcCode.PERMISSION_DENIED);
    public static final ErrorDefinition NO_INVITE_RIGHTS = new ErrorDefinition(IS,
            "no_invite_rights", "no rights for inviting users", GrpcCode.PERMISSION_DENIED);
    public static final ErrorDefinition USER_REQUESTED = new ErrorDefinition(IS,
            "user_requested", "user account approval is pending", GrpcCode.PERMISSION_DENIED, "description");
    public static final ErrorDefinition USER_REJECTED = new ErrorDefinition(IS,
            "user_rejected", "user account was rejected", GrpcCode.PERMISSION_DENIED, "description");
    public static final ErrorDefinition USER_SUSPENDED = new ErrorDefinition(IS,
            "user_suspended", "user account was suspended", GrpcCode.PERMISSION_DENIED, "description");
    public static final ErrorDefinition VALIDATION_REQUEST_FORBIDDEN = new ErrorDefinition(IS,
            "validation_request_forbidden",
            "validation request forbidden because it was already sent, wait `{retry_interval}` before retrying",
            GrpcCode.PERMISSION_DENIED);

    public static final ErrorDefinition CLUSTER_KEY = new ErrorDefinition("pkg/auth/cluster",
            "cluster_key", "invalid cluster key", GrpcCode.PERMISSION_DENIED);

    // Not found / conflicts
    public static final ErrorDefinition USER_NOT_FOUND = new ErrorDefinition(STORE,
            "user_not_found", "user with id `{user_id}` not found", GrpcCode.NOT_FOUND);
    public static final ErrorDefinition ENTITY_NOT_FOUND = new ErrorDefinition(STORE,
            "entity_not_found", "{entity_type} entity with id `{entity_id}` not found", GrpcCode.NOT_FOUND);
    public static final ErrorDefinition API_KEY_NOT_FOUND = new ErrorDefinition(STORE,
            "api_key_not_found", "api key with id `{api_key_id}` not found", GrpcCode.NOT_FOUND, "entity_type", "entity_id");
    public static final ErrorDefinition USER_SESSION_NOT_FOUND = new ErrorDefinition(STORE,
            "user_session_not_found", "user session with id `{session_id}` not found", GrpcCode.NOT_FOUND, "user_id");
    public static final ErrorDefinition INVITATION_NOT_FOUND = new ErrorDefinition(STORE,
            "invitation_not_found", "invitation not found", GrpcCode.NOT_FOUND, "invitation_token");
    public static final ErrorDefinition LOGIN_TOKEN_NOT_FOUND = new ErrorDefinition(STORE,
            "login_token_not_found", "login token not found", GrpcCode.NOT_FOUND);
    public static final ErrorDefinition LOGIN_TOKEN_EXPIRED = new ErrorDefinition(STORE,
            "login_token_expired", "login token expired", GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition LOGIN_TOKEN_ALREADY_USED = new ErrorDefinition(STORE,
            "login_token_already_used", "login token already used", GrpcCode.FAILED_PRECONDITION);
    public static final ErrorDefinition VALIDATION_TOKEN_NOT_FOUND = new ErrorDefinition(STORE,
            "validation_token_not_found", "validation token not found", GrpcCode.NOT_FOUND, "validation_id");
    public static final ErrorDefinition SSO_LINK_NOT_FOUND = new ErrorDefinition("pkg/keyward",
            "sso_link_not_found", "user `{user_id}` has no link to this SSO identity", GrpcCode.NOT_FOUND);
    public static final ErrorDefinition ALREADY_EXISTS = new ErrorDefinition("pkg/util/store",
            "already_exists", "already exists", GrpcCode.ALREADY_EXISTS);
    public static final ErrorDefinition INVITATION_ALREADY_SENT = new ErrorDefinition(STORE,
            "invitation_already_sent", "invitation already sent", GrpcCode.ALREADY_EXISTS);
    public static final ErrorDefinition LOGIN_TOKENS_STILL_VALID = new ErrorDefinition(IS,
            "login_tokens_still_valid", "previously created login token still valid", GrpcCode.ALREADY_EXISTS);
    public static final ErrorDefinition NO_RECEIVER_USER_IDS = new ErrorDefinition(IS,
            "no_receiver_user_ids", "no receiver users ids", GrpcCode.UNKNOWN);

    // Infrastructure
    public static final ErrorDefinition DATABASE_UNAVAILABLE = new ErrorDefinition("pkg/util/store",
            "database_unavailable", "database unavailable", GrpcCode.UNAVAILABLE);
    public static final ErrorDefinition INTERNAL = new ErrorDefinition("pkg/rpcserver",
            "rpc_recovered", "Internal Server Error", GrpcCode.INTERNAL);

}
