package io.keyward.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every option of Keyward in one typed place, with its default. Keys mirror The Things Stack's
 * identity server options ({@code is.*}); MicroProfile Config reads them from system properties,
 * environment variables ({@code IS_USER_REGISTRATION_ENABLED}) and {@code microprofile-config.properties}.
 * Values are read on each call so tests and operators can change them without a restart where the
 * config source allows it.
 */
@ApplicationScoped
public class KeywardConfig {

    /** The documented options: key, default, meaning. The README's table lists the same. */
    public enum Option {
        USER_REGISTRATION_ENABLED("is.user-registration.enabled", "true", "Non-admins may register (Users.Create)."),
        INVITATION_REQUIRED("is.user-registration.invitation.required", "false", "Non-admin registration needs an invitation token."),
        INVITATION_TOKEN_TTL("is.user-registration.invitation.token-ttl", "168h", "Invitation expiry."),
        CONTACT_INFO_VALIDATION_REQUIRED("is.user-registration.contact-info-validation.required", "false", "Restrict rights of users whose email is not validated."),
        CONTACT_INFO_VALIDATION_TOKEN_TTL("is.user-registration.contact-info-validation.token-ttl", "48h", "Email-validation token expiry."),
        CONTACT_INFO_VALIDATION_RETRY_INTERVAL("is.user-registration.contact-info-validation.retry-interval", "1h", "Minimum interval between validation emails."),
        ADMIN_APPROVAL_REQUIRED("is.user-registration.admin-approval.required", "false", "Self-registered users start in STATE_REQUESTED."),
        PASSWORD_MIN_LENGTH("is.user-registration.password-requirements.min-length", "8", "Minimum password length (UTF-8 bytes)."),
        PASSWORD_MAX_LENGTH("is.user-registration.password-requirements.max-length", "1000", "Maximum password length (UTF-8 bytes)."),
        PASSWORD_MIN_UPPERCASE("is.user-registration.password-requirements.min-uppercase", "1", "Minimum number of uppercase letters."),
        PASSWORD_MIN_DIGITS("is.user-registration.password-requirements.min-digits", "1", "Minimum number of digits."),
        PASSWORD_MIN_SPECIAL("is.user-registration.password-requirements.min-special", "0", "Minimum number of special characters."),
        PASSWORD_REJECT_USER_ID("is.user-registration.password-requirements.reject-user-id", "true", "Reject passwords containing the user ID."),
        PASSWORD_REJECT_COMMON("is.user-registration.password-requirements.reject-common", "false", "Reject common passwords."),
        USER_ID_BLOCKLIST("is.user-registration.user-id-blocklist", "", "Extra user IDs that cannot be registered (comma-separated), on top of the built-in list."),
        ADMIN_RIGHTS_ALL("is.admin-rights.all", "false", "Admins' universal rights include _KEYS and _ALL rights."),
        DELETE_RESTORE("is.delete.restore", "24h", "Restore window of soft-deleted users; 0 disables restore."),
        LOGIN_TOKENS_ENABLED("is.login-tokens.enabled", "false", "CreateLoginToken allowed."),
        LOGIN_TOKENS_TTL("is.login-tokens.token-ttl", "1h", "Login-token expiry."),
        PROFILE_PICTURE_DISABLE_UPLOAD("is.profile-picture.disable-upload", "false", "Reject profile pictures on create/update."),
        PROFILE_PICTURE_USE_GRAVATAR("is.profile-picture.use-gravatar", "true", "Gravatar fallback on Get."),
        PROFILE_PICTURE_BUCKET_URL("is.profile-picture.bucket-url", "/assets/blob/profile_pictures", "Prefix for stored picture URLs."),
        PAGINATION_DEFAULT_LIMIT("is.pagination.default-limit", "100", "Limit used when a list request has limit 0."),
        ADMIN_USER_ID("is.admin.user-id", "admin", "Bootstrap admin: user ID created at start if absent."),
        ADMIN_PASSWORD("is.admin.password", "", "Bootstrap admin password; no admin is created while it is empty."),
        ADMIN_EMAIL("is.admin.email", "admin@localhost", "Bootstrap admin email address."),
        EMAIL_PROVIDER("is.email.provider", "", "smtp, or empty to keep mail in the outbox (logged with secrets masked)."),
        EMAIL_SENDER_NAME("is.email.sender-name", "Keyward", "From name."),
        EMAIL_SENDER_ADDRESS("is.email.sender-address", "noreply@localhost", "From address."),
        EMAIL_NETWORK_NAME("is.email.network.name", "The Things Stack for LoRaWAN", "Network name used in emails."),
        EMAIL_IDENTITY_SERVER_URL("is.email.network.identity-server-url", "http://localhost:1885/oauth", "Base of links in emails."),
        EMAIL_CONSOLE_URL("is.email.network.console-url", "http://localhost:1885/console", "Console links in emails."),
        EMAIL_SMTP_ADDRESS("is.email.smtp.address", "", "SMTP server as host:port (port 25 if omitted); used when is.email.provider is smtp."),
        EMAIL_SMTP_USERNAME("is.email.smtp.username", "", "SMTP user name; empty for no authentication."),
        EMAIL_SMTP_PASSWORD("is.email.smtp.password", "", "SMTP password (secret: never logged)."),
        EMAIL_SMTP_TLS("is.email.smtp.tls", "starttls", "none (plain), starttls (STARTTLS required) or tls (implicit TLS, e.g. port 465)."),
        EMAIL_SMTP_TIMEOUT("is.email.smtp.timeout", "30s", "Connect, read and write timeout of the SMTP connection."),
        EMAIL_TEMPLATES("is.email.templates", "", "Directory with template files that override the built-in ones (same file names)."),
        EMAIL_OUTBOX_POLL_INTERVAL("is.email.outbox.poll-interval", "5s", "How often each node looks for due messages in the mail outbox."),
        EMAIL_OUTBOX_RETRY_INITIAL("is.email.outbox.retry-initial", "30s", "Delay before the first retry of a failed delivery; doubled on each further failure."),
        EMAIL_OUTBOX_RETRY_MAX("is.email.outbox.retry-max", "1h", "Longest delay between two delivery attempts."),
        EMAIL_OUTBOX_LEASE("is.email.outbox.lease", "5m", "How long a node may hold a message it is delivering before another node may take it over."),
        EMAIL_OUTBOX_MAX_ATTEMPTS("is.email.outbox.max-attempts", "10", "Delivery attempts of one message before it is dead-lettered (kept with its last error, never sent again); a permanent SMTP rejection (5xx) dead-letters it at once."),
        EMAIL_OUTBOX_EXPIRY("is.email.outbox.expiry", "168h", "Unsent messages older than this are dead-lettered and their secret-bearing copy dropped (default: the longest token lifetime, the invitation's), also when no mail provider is configured."),
        EMAIL_OUTBOX_KEY("is.email.outbox.key", "", "AES-256 key(s) encrypting the secret-bearing copy of unsent mail: base64 of 32 random bytes; several comma-separated for rotation (the first encrypts, all decrypt). Set the same on every node. Empty: one is generated into is.email.outbox.key-file."),
        EMAIL_OUTBOX_KEY_FILE("is.email.outbox.key-file", "", "Where the generated outbox key is kept when is.email.outbox.key is empty; empty: resources/security/outbox.key in the server's directory (beside key.p12 and server.env)."),
        EMAIL_OUTBOX_RETENTION("is.email.outbox.retention", "720h", "How long delivered and dead-lettered messages (masked copies) stay in the outbox; 0 keeps them forever."),
        HTTP_CORS_ALLOWED_ORIGINS("is.http.cors.allowed-origins", "", "Origins (scheme://host[:port], comma-separated, or *) whose pages may call the API from a browser (CORS); empty: none."),
        MAX_REQUEST_BYTES("is.http.max-request-bytes", "16777216", "Largest accepted request body (TTS: 16 MiB)."),
        OAUTH_ACCESS_TOKEN_TTL("is.oauth.access-token-ttl", "1h", "Lifetime of access tokens from POST /oauth/token."),
        OAUTH_REFRESH_TOKEN_TTL("is.oauth.refresh-token-ttl", "720h", "Lifetime of refresh tokens from POST /oauth/token."),
        METRICS_ENABLED("is.metrics.enabled", "true", "Keyward's own figures (logins, credential checks, mail outbox, database) on /metrics; off for a second copy of the application in one server (the in-container tests), whose figures would mix with the application's."),
        AUTH_CACHE_TTL("is.auth.cache-ttl", "5s", "How long a node reuses a verified API key or token without checking the database again (0 disables); other nodes see a revocation within this time."),
        USER_CACHE_TTL("is.user.cache-ttl", "5s", "How long a node answers a user's Get from its own copy without reading the database again (0 disables); other nodes' changes show within this time, this node's at once."),
        LOGIN_THROTTLE_ENABLED("is.oauth.login-throttle.enabled", "true", "Throttle failed password checks (POST /oauth/token, UpdatePassword); the counts are kept in the database and shared by all nodes."),
        LOGIN_THROTTLE_MAX_PER_USER_ADDRESS("is.oauth.login-throttle.max-failures-per-user-address", "5", "Failed password checks of one user ID from one client address within the window before that address is refused for that user until the window ends."),
        LOGIN_THROTTLE_MAX_PER_ADDRESS("is.oauth.login-throttle.max-failures-per-address", "100", "Failed password checks from one client address within the window before further attempts from it are refused."),
        LOGIN_THROTTLE_WINDOW("is.oauth.login-throttle.window", "15m", "Window of the per-address and per-user-and-address limits."),
        LOGIN_THROTTLE_MAX_PER_USER("is.oauth.login-throttle.max-failures-per-user", "20", "Failed password checks of one user ID from all addresses before each further attempt must wait a growing delay (no hard lockout)."),
        LOGIN_THROTTLE_USER_WAIT_INCREMENT("is.oauth.login-throttle.user-wait-increment", "1m", "How much the per-user delay grows with each further failure."),
        LOGIN_THROTTLE_USER_MAX_WAIT("is.oauth.login-throttle.user-max-wait", "15m", "Longest per-user delay."),
        LOGIN_THROTTLE_USER_RESET_AFTER("is.oauth.login-throttle.user-reset-after", "12h", "A user's failure count starts over after this long without failures (and at each successful check)."),
        PASSWORD_HASHING_SLOTS("is.password-hashing.slots", "0", "Password hashes (Argon2id) computed at once for requests that bring a password (/oauth/token, Create, UpdatePassword, temporary_password); 0: one per available processor."),
        PASSWORD_HASHING_MAX_WAIT("is.password-hashing.max-wait", "2s", "How long a request waits for a free hashing slot before it is refused with 503 (Retry-After); bounds the queue an anonymous flood can build."),
        TEMPORARY_PASSWORD_MAX_PER_USER("is.temporary-password.max-per-user", "5", "Temporary-password requests for one user ID (from anywhere) within the window; more are refused with 429 (Retry-After)."),
        TEMPORARY_PASSWORD_MAX_PER_ADDRESS("is.temporary-password.max-per-address", "30", "Temporary-password requests from one client address within the window; more are refused with 429 (Retry-After)."),
        TEMPORARY_PASSWORD_WINDOW("is.temporary-password.window", "1h", "Window of the temporary-password request limits."),
        HTTP_TRUSTED_PROXIES("is.http.trusted-proxies", "", "Reverse proxies (addresses or CIDR ranges, comma-separated) whose Forwarded / X-Forwarded-For header names the client address; empty: the peer address is the client's."),
        SSO_ENABLED("is.sso.enabled", "false", "Accept enterprise SSO JWTs as bearer tokens (verified with the standard mp.jwt.verify.* options); off: JWTs are rejected."),
        SSO_USER_CLAIM("is.sso.user-claim", "", "JWT claim naming the user ID; empty: preferred_username, then upn, then sub."),
        SSO_GROUPS_CLAIM("is.sso.groups-claim", "groups", "JWT claim listing the user's groups."),
        SSO_ADMIN_GROUP("is.sso.admin-group", "", "Group whose members are admins while they use an SSO token; empty: none."),
        SSO_JIT_PROVISIONING("is.sso.jit-provisioning", "false", "Create unknown SSO users on first sight (approved, email from the email claim) and link them to the token's issuer and subject."),
        SSO_ALLOW_LOCAL_PASSWORD("is.sso.allow-local-password", "false", "Users linked to an SSO identity may also use a local password (password grant, UpdatePassword, temporary passwords); off: only their SSO tokens authenticate them."),
        SCIM_TOKEN_HASH("is.scim.token-hash", "", "SHA-256 (hex) of the bearer token identity providers present at /scim/v2 (SCIM provisioning); empty: SCIM is off. The token works nowhere else."),
        SCIM_ADMIN_GROUP("is.scim.admin-group", "keyward-admins", "displayName of the one SCIM group, whose members are Keyward's admins."),
        AUDIT_RETENTION("is.audit.retention", "8760h", "How long audit records are kept (default 365 days); older ones are deleted in batches; 0 keeps them forever."),
        AUDIT_PURGE_INTERVAL("is.audit.purge-interval", "1h", "How often each node deletes audit records older than is.audit.retention."),
        AUDIT_REFUSAL_WINDOW("is.audit.refusal-window", "15m", "Refused attempts alike in action, outcome, target, actor and client address are recorded once per window on each node; the repeats are counted and written as one record when the window closes; 0 records each."),
        AUDIT_LOG("is.audit.log", "false", "Also write each committed audit record to the log (logger io.keyward.audit) as one JSON line, for a SIEM; never with secrets."),
        HTTP_PORT("is.http.port", "1885", "HTTP port (server.xml); the start-up warm-up sends its requests there, on loopback."),
        WARMUP_ENABLED("is.warmup.enabled", "true", "Before /health/ready reports UP, a starting node sends itself the hot requests (reads only) for is.warmup.duration, so that its first real requests meet compiled code."),
        WARMUP_DURATION("is.warmup.duration", "4s", "How long the start-up warm-up runs (0 turns it off)."),
        CLUSTER_KEYS("is.cluster.keys", "", "Keys of trusted cluster peers (comma-separated, hex or plain): `Authorization: ClusterKey <key>` may create notifications.");

        public final String key;
        public final String defaultValue;
        public final String description;

        Option(String key, String defaultValue, String description) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        /** The environment variable MicroProfile Config maps the key from. */
        public String envVar() {
            return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        }
    }

    /** Looked up once: the lookup by class loader cost more than reading the value (issue 19, JFR). */
    private volatile Config config;

    private Config config() {
        Config c = config;
        if (c == null) {
            c = ConfigProvider.getConfig(KeywardConfig.class.getClassLoader());
            config = c;
        }
        return c;
    }

    public String string(Option o) {
        Optional<String> v = config().getOptionalValue(o.key, String.class);
        return v.orElse(o.defaultValue);
    }

    public boolean bool(Option o) {
        return Boolean.parseBoolean(string(o).trim());
    }

    public int integer(Option o) {
        return Integer.parseInt(string(o).trim());
    }

    public Duration duration(Option o) {
        return Durations.parse(string(o));
    }

    // Typed accessors for the options used across capabilities.

    public boolean registrationEnabled() {
        return bool(Option.USER_REGISTRATION_ENABLED);
    }

    public boolean invitationRequired() {
        return bool(Option.INVITATION_REQUIRED);
    }

    public boolean adminApprovalRequired() {
        return bool(Option.ADMIN_APPROVAL_REQUIRED);
    }

    public boolean contactInfoValidationRequired() {
        return bool(Option.CONTACT_INFO_VALIDATION_REQUIRED);
    }

    public boolean adminRightsAll() {
        return bool(Option.ADMIN_RIGHTS_ALL);
    }

    public Duration restoreWindow() {
        return duration(Option.DELETE_RESTORE);
    }

    public int defaultPageLimit() {
        return integer(Option.PAGINATION_DEFAULT_LIMIT);
    }

    public long maxRequestBytes() {
        return Long.parseLong(string(Option.MAX_REQUEST_BYTES).trim());
    }

    /** {@code is.http.cors.allowed-origins} as a set; empty when CORS is off. */
    public Set<String> corsAllowedOrigins() {
        return list(Option.HTTP_CORS_ALLOWED_ORIGINS);
    }

    private Set<String> list(Option o) {
        Set<String> out = new TreeSet<>();
        for (String s : string(o).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    public Set<String> trustedProxies() {
        return list(Option.HTTP_TRUSTED_PROXIES);
    }

    /** MicroProfile JWT's {@code mp.jwt.verify.issuer}: the issuer of accepted SSO tokens; empty when unset. */
    public String ssoIssuer() {
        return config().getOptionalValue("mp.jwt.verify.issuer", String.class).orElse("").trim();
    }

    public Set<String> extraBlockedUserIds() {
        return list(Option.USER_ID_BLOCKLIST);
    }
}
