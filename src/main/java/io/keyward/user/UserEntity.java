package io.keyward.user;

import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.rights.CredentialOwner;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.LockModeType;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user row. Never leaves the service layer: resources see the wire form built by the mapper. */
@Entity
@Table(name = "users")
@EntityListeners(UserChangeListener.class)
@NamedQuery(name = "User.byUserId", query = "SELECT u FROM UserEntity u WHERE u.userId = :userId")
// Locked reads as named queries with their lock mode: a dynamic query whose lock mode is set per call is
// prepared again on every call (EclipseLink), a quarter of the lock's CPU in a rename (W5).
@NamedQuery(name = "User.lockByUserId", query = "SELECT u FROM UserEntity u WHERE u.userId = :id",
        lockMode = LockModeType.PESSIMISTIC_WRITE)
@NamedQuery(name = "User.lockActiveByUserId",
        query = "SELECT u FROM UserEntity u WHERE u.userId = :id AND u.deletedAt IS NULL",
        lockMode = LockModeType.PESSIMISTIC_WRITE)
@NamedQuery(name = "User.countActiveAdmins",
        query = "SELECT COUNT(u) FROM UserEntity u WHERE u.admin = TRUE AND u.deletedAt IS NULL")
public class UserEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    private String name = "";
    private String description = "";

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "user_attributes", joinColumns = @JoinColumn(name = "user_pk"))
    @MapKeyColumn(name = "attr_key")
    @Column(name = "attr_value")
    // No initial value: a row read under a lock (which EclipseLink treats as a refresh) loads every collection
    // that is already there when the entity is built, so a map made by the constructor cost each rename (W5) a
    // SELECT of the attributes it never used. New entities get theirs on first use.
    private Map<String, String> attributes;

    @Column(name = "primary_email_address", nullable = false)
    private String primaryEmailAddress;

    @Column(name = "active_email")
    private String activeEmail;

    @Column(name = "primary_email_address_validated_at")
    private Instant primaryEmailAddressValidatedAt;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash = "";

    @Column(name = "password_updated_at")
    private Instant passwordUpdatedAt;

    @Column(name = "require_password_update", nullable = false)
    private boolean requirePasswordUpdate;

    @Column(nullable = false)
    private short state;

    @Column(name = "state_description", nullable = false)
    private String stateDescription = "";

    @Column(nullable = false)
    private boolean admin;

    @Column(name = "temporary_password_hash", nullable = false)
    private String temporaryPasswordHash = "";

    @Column(name = "temporary_password_created_at")
    private Instant temporaryPasswordCreatedAt;

    @Column(name = "temporary_password_expires_at")
    private Instant temporaryPasswordExpiresAt;

    /** The stored Picture message, as JSON (up to 8 MiB of base64 image data: a LOB on H2). */
    @Lob
    @Column(name = "profile_picture")
    private String profilePicture;

    /** The stored UserConsolePreferences message, as JSON. */
    @Column(name = "console_preferences")
    private String consolePreferences;

    /** Keeps {@code active_email} in step with the address and the deletion mark. */
    private void syncActiveEmail() {
        activeEmail = deletedAt == null && primaryEmailAddress != null ? primaryEmailAddress.toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** What authenticating one of this user's credentials needs to know about the user. */
    public CredentialOwner credentialOwner() {
        return new CredentialOwner(EntityIdentifiers.user(userId), admin, State.ofNumber(state), stateDescription,
                primaryEmailAddressValidatedAt);
    }

    public Long getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public void setDeletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt;
        syncActiveEmail();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    @PrePersist
    void attributesOfNewUser() {
        getAttributes();
    }

    public Map<String, String> getAttributes() {
        if (attributes == null) {
            attributes = new LinkedHashMap<>();
        }
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        Map<String, String> mine = getAttributes();
        mine.clear();
        if (attributes != null) {
            mine.putAll(attributes);
        }
    }

    public String getPrimaryEmailAddress() {
        return primaryEmailAddress;
    }

    public void setPrimaryEmailAddress(String primaryEmailAddress) {
        this.primaryEmailAddress = primaryEmailAddress;
        syncActiveEmail();
    }

    public Instant getPrimaryEmailAddressValidatedAt() {
        return primaryEmailAddressValidatedAt;
    }

    public void setPrimaryEmailAddressValidatedAt(Instant primaryEmailAddressValidatedAt) {
        this.primaryEmailAddressValidatedAt = primaryEmailAddressValidatedAt;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash == null ? "" : passwordHash;
    }

    public Instant getPasswordUpdatedAt() {
        return passwordUpdatedAt;
    }

    public void setPasswordUpdatedAt(Instant passwordUpdatedAt) {
        this.passwordUpdatedAt = passwordUpdatedAt;
    }

    public boolean isRequirePasswordUpdate() {
        return requirePasswordUpdate;
    }

    public void setRequirePasswordUpdate(boolean requirePasswordUpdate) {
        this.requirePasswordUpdate = requirePasswordUpdate;
    }

    public short getState() {
        return state;
    }

    public void setState(short state) {
        this.state = state;
    }

    public String getStateDescription() {
        return stateDescription;
    }

    public void setStateDescription(String stateDescription) {
        this.stateDescription = stateDescription == null ? "" : stateDescription;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public String getTemporaryPasswordHash() {
        return temporaryPasswordHash;
    }

    public void setTemporaryPasswordHash(String temporaryPasswordHash) {
        this.temporaryPasswordHash = temporaryPasswordHash == null ? "" : temporaryPasswordHash;
    }

    public Instant getTemporaryPasswordCreatedAt() {
        return temporaryPasswordCreatedAt;
    }

    public void setTemporaryPasswordCreatedAt(Instant temporaryPasswordCreatedAt) {
        this.temporaryPasswordCreatedAt = temporaryPasswordCreatedAt;
    }

    public Instant getTemporaryPasswordExpiresAt() {
        return temporaryPasswordExpiresAt;
    }

    public void setTemporaryPasswordExpiresAt(Instant temporaryPasswordExpiresAt) {
        this.temporaryPasswordExpiresAt = temporaryPasswordExpiresAt;
    }

    public String getProfilePicture() {
        return profilePicture;
    }

    public void setProfilePicture(String profilePicture) {
        this.profilePicture = profilePicture;
    }

    public String getConsolePreferences() {
        return consolePreferences;
    }

    public void setConsolePreferences(String consolePreferences) {
        this.consolePreferences = consolePreferences;
    }
}
