package io.keyward.contactinfo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A primary e-mail address validation (table email_validations). Never leaves the validation package. */
@Entity
@Table(name = "email_validations")
public class EmailValidationEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    /** The public reference: EmailValidation.id on the wire. */
    @Column(nullable = false, updatable = false)
    String reference;

    @Column(name = "token_hash", nullable = false)
    String tokenHash;

    @Column(name = "user_pk", nullable = false, updatable = false)
    Long userPk;

    @Column(nullable = false, updatable = false)
    String address;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "used_at")
    Instant usedAt;
}
