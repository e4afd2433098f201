package io.keyward.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audit record (table audit_records). Written once, never updated; never leaves the audit package. */
@Entity
@Table(name = "audit_records")
// Named, so that EclipseLink prepares it once (a native query made per call was prepared again on each, a
// quarter of the insert's CPU in a rename, W5). No flush before it: the record refers to no row by key, so
// the change it describes may reach the database after it, in the same transaction.
@NamedNativeQuery(name = AuditStore.INSERT_QUERY, query = AuditStore.INSERT,
        hints = @QueryHint(name = "eclipselink.flush", value = "false"))
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
