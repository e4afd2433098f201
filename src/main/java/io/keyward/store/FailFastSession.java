package io.keyward.store;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a read made outside a transaction up to three times when it sees a "communication
 * failure", which includes a full pool (is.db.pool.wait) and a statement cancelled by
 * is.db.statement-timeout: a stalled database then held each request four times as long before its 503
 * (issue 13 §3). Keyward fails at once instead; Liberty drops the broken connections from its pool, and
 * the client retries when the database is back. No persistence.xml property of EclipseLink 4.0 sets this.
 */
public class FailFastSession implements SessionCustomizer {
    @Override
    public void customize(Session session) {
        session.getLogin().setQueryRetryAttemptCount(0);
    }
}
