package io.keyward.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audit record (table audit_records). Written once, never updated; never leaves the audit package. */
@Entity
@Table(name = "audit_records")
public class AuditEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    Instant occurredAt;

    @Column(nullable = false, updatable = false)
    String action;

    @Column(nullable = false, updatable = false)
    String outcome;

    @Column(name = "actor_kind", nullable = false, updatable = false)
    String actorKind;

    @Column(name = "actor_user_id", updatable = false)
    String actorUserId;

    @Column(name = "actor_credential", updatable = false)
    String actorCredential;

    @Column(name = "client_address", updatable = false)
    String clientAddress;

    @Column(name = "correlation_id", updatable = false)
    String correlationId;

    @Column(name = "target_type", updatable = false)
    String targetType;

    @Column(name = "target_id", updatable = false)
    String targetId;

    @Column(updatable = false)
    String details;
}
