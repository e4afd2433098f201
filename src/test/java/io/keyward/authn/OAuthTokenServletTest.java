package io.keyward.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Issue 12 §8: a database failure under a token request is the OAuth 503, never a bare 500. */
class OAuthTokenServletTest {

    @Test
    void aDatabaseFailureUnderAnyWrappingIsTemporarilyUnavailable() {
        OAuthException e = OAuthTokenServlet.databaseFailure(
                new EJBException(new PersistenceException(new SQLException("connection refused", "08001"))));
        assertEquals(503, e.status());
        assertEquals("temporarily_unavailable", e.error());
        assertTrue(e.retryAfterSeconds() > 0);
        assertEquals(503, OAuthTokenServlet.databaseFailure(new RuntimeException(new SQLException("timeout"))).status());
    }

    @Test
    void otherFailuresAreNotDisguised() {
        assertNull(OAuthTokenServlet.databaseFailure(new IllegalStateException("bug")));
        assertNull(OAuthTokenServlet.databaseFailure(new EJBException(new NullPointerException())));
    }
}
