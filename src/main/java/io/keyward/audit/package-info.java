/**
 * The audit trail (issue 17 §2): who did what to which user, when, from where, and with what outcome.
 * Capabilities describe an action as an {@link io.keyward.audit.AuditEvent} and hand it to
 * {@link io.keyward.audit.AuditTrail}, which adds the actor, client address and correlation ID of the
 * request and writes one row through {@link io.keyward.audit.AuditStore} in the change's own transaction
 * (refusals in one of their own). {@link io.keyward.audit.AuditResource} shows the records,
 * {@link io.keyward.audit.AuditRetention} drops old ones. The domain rules stay in the capabilities.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code entity}, {@code rights},
 * {@code http}.
 */
package io.keyward.audit;
