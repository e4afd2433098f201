package io.keyward.contactinfo;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Secrets;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.error.Errors;
import io.keyward.error.Validation;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.user.EmailValidationRequested;
import io.keyward.user.MailRequest;
import io.keyward.user.UserCredentialsChanged;
import io.keyward.user.UserEntity;
import io.keyward.user.UserStore;
import io.keyward.wire.JsonP;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import io.keyward.entity.Ids;

/**
 * EmailValidationRegistry (API.md §11.3): RequestValidation (also started by Users.Create and by a
 * change of the primary address, through {@link EmailValidationRequested}) and Validate.
 *
 * <p>The token is stored only as its SHA-256 and compared in constant time. Because the plain token is
 * not kept, a re-send inside the validation's lifetime issues a fresh token under the same reference
 * (The Things Stack re-sends the old one); the newest e-mail's link is the one that works.
 */
@Stateless
public class EmailValidationRegistry {
    private static final Logger LOG = Logger.getLogger(EmailValidationRegistry.class.getName());

    @Inject
    AuditTrail audit;

    @Inject
    EmailValidationStore store;

    @Inject
    UserStore users;

    @Inject
    EntityRights rights;

    @Inject
    KeywardConfig config;

    @Inject
    Event<MailRequest> mail;

    @Inject
    Event<UserCredentialsChanged> credentialsChanged;

    /** An EmailValidation as the API returns it (never with its token). */
    public record View(String id, String address, Instant createdAt, Instant expiresAt, Instant updatedAt) {
    }

    /** RequestValidation: {@code RIGHT_USER_SETTINGS_BASIC} on the user; honours the retry interval. */
    public View request(String userId) {
        Ids.validateBareUserId(userId);
        rights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_SETTINGS_BASIC);
        UserEntity user = activeUser(userId);
        if (user == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        return start(user, user.getPrimaryEmailAddress(), true);
    }

    /** Users.Create or an e-mail change asked for a validation. */
    public void onValidationRequested(@Observes(during = TransactionPhase.IN_PROGRESS) EmailValidationRequested request) {
        UserEntity user = activeUser(request.userId());
        if (user == null) {
            LOG.severe("e-mail validation requested for unknown user " + request.userId() + "; no validation started");
            return;
        }
        String address = request.address();
        if (address == null || address.isBlank()) {
            address = user.getPrimaryEmailAddress();
        }
        start(user, address, false);
    }

    private View start(UserEntity user, String address, boolean explicit) {
        Instant now = Timestamps.now();
        Duration ttl = config.duration(Option.CONTACT_INFO_VALIDATION_TOKEN_TTL);
        Duration retry = config.duration(Option.CONTACT_INFO_VALIDATION_RETRY_INTERVAL);
        EmailValidationEntity open = store.findOpen(user.getId(), address, now);
        String token = Secrets.token();
        EmailValidationEntity v;
        if (open != null) {
            v = open;
            if (v.updatedAt.plus(retry).isAfter(now)) {
                if (explicit) {
                    throw Errors.VALIDATION_REQUEST_FORBIDDEN.error("retry_interval", goDuration(retry));
                }
                return view(v);
            }
            v.expiresAt = now.plus(ttl);
            v.updatedAt = now;
            v.tokenHash = Secrets.sha256(token);
        } else {
            v = new EmailValidationEntity();
            v.reference = Secrets.randomBase32(24);
            v.tokenHash = Secrets.sha256(token);
            v.userPk = user.getId();
            v.address = address;
            v.createdAt = now;
            v.updatedAt = now;
            v.expiresAt = now.plus(ttl);
            store.insert(v);
        }
        store.flush();
        Map<String, String> values = new HashMap<>();
        values.put("user_id", user.getUserId());
        values.put("reference", v.reference);
        values.put("address", address);
        values.put("expires_at", Timestamps.format(v.expiresAt));
        mail.fire(new MailRequest("validate", address, user.getName(), values, Map.of("token", token)));
        return view(v);
    }

    /** Validate (anonymous): marks the validation used and the user's address validated. */
    public void validate(String reference, String token) {
        checkLength("id", reference);
        checkLength("token", token);
        EmailValidationEntity v = store.findByReference(reference);
        if (v == null || !Secrets.constantTimeEquals(v.tokenHash, Secrets.sha256(token))) {
            throw Errors.VALIDATION_TOKEN_NOT_FOUND.error("validation_id", reference);
        }
        Instant now = Timestamps.now();
        if (v.usedAt != null) {
            throw Errors.VALIDATION_TOKEN_ALREADY_USED.error("validation_id", reference);
        }
        if (!v.expiresAt.isAfter(now)) {
            throw Errors.VALIDATION_TOKEN_EXPIRED.error("validation_id", reference);
        }
        UserEntity user = users.findByPk(v.userPk);
        if (user == null || user.getDeletedAt() != null || !v.address.equalsIgnoreCase(user.getPrimaryEmailAddress())) {
            // The address is no longer the user's: this validation can validate nothing.
            throw Errors.VALIDATION_TOKEN_NOT_FOUND.error("validation_id", reference);
        }
        if (!store.markUsed(v.id, now)) {
            throw Errors.VALIDATION_TOKEN_ALREADY_USED.error("validation_id", reference);
        }
        Instant before = user.getPrimaryEmailAddressValidatedAt();
        user.setPrimaryEmailAddressValidatedAt(now);
        user.setUpdatedAt(now);
        credentialsChanged.fire(new UserCredentialsChanged(user.getUserId(), false));
        // Validation lifts the restrictions of an unvalidated address: a change of the user like any other
        // (by whoever holds the mailed token; the reference is public, the token never recorded).
        audit.record(AuditEvent.of("user.update").user(user.getUserId()).detail("validation_id", reference)
                .change("primary_email_address_validated_at", before == null ? null : JsonP.provider().createValue(Timestamps.format(before)),
                        JsonP.provider().createValue(Timestamps.format(now))));
    }

    private static void checkLength(String field, String value) {
        int n = value.codePointCount(0, value.length());
        if (n < 1 || n > 64) {
            throw Validation.invalid(field, "value length must be between 1 and 64 runes, inclusive");
        }
    }

    private UserEntity activeUser(String userId) {
        return users.find(userId, false);
    }

    private static View view(EmailValidationEntity v) {
        return new View(v.reference, v.address, v.createdAt, v.expiresAt, v.updatedAt);
    }

    /** A duration as Go prints it ({@code 1h0m0s}, {@code 30m0s}, {@code 45s}), as TTS's error shows it. */
    static String goDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int nanos = d.toNanosPart();
        String seconds = nanos == 0 ? Integer.toString(s)
                : (s + "." + String.format("%09d", nanos)).replaceAll("0+$", "");
        if (h > 0) {
            return h + "h" + m + "m" + seconds + "s";
        }
        if (m > 0) {
            return m + "m" + seconds + "s";
        }
        return seconds + "s";
    }
}
