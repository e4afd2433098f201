package io.keyward.http;

import io.keyward.error.Errors;
import io.keyward.error.GrpcCode;
import io.keyward.error.KeywardException;
import io.keyward.wire.WireFormatException;
import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything that is not a catalogue error: routing errors as grpc-gateway answers them, wrapped
 * application errors unwrapped, database outages as {@code database_unavailable}, and anything else as
 * {@code rpc_recovered} with the stack trace in the log under the correlation id, never in the body.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final int DATABASE_RETRY_AFTER_SECONDS = 1;
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @jakarta.ws.rs.core.Context
    jakarta.servlet.http.HttpServletRequest request;

    @Override
    public Response toResponse(Throwable t) {
        Throwable root = unwrap(t);
        String correlation = KeywardExceptionMapper.correlationId(request);
        if (root instanceof KeywardException k) {
            return KeywardExceptionMapper.answer(k, correlation);
        }
        if (root instanceof WireFormatException w) {
            return ErrorResponses.of(w);
        }
        if (root instanceof NotFoundException) {
            return ErrorResponses.plain(GrpcCode.NOT_FOUND, "Not Found");
        }
        if (root instanceof NotAllowedException) {
            return ErrorResponses.plain(GrpcCode.UNIMPLEMENTED, "Method Not Allowed");
        }
        if (root instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            if (status < 500) {
                return ErrorResponses.plain(GrpcCode.INVALID_ARGUMENT, "invalid request: " + w.getResponse().getStatusInfo().getReasonPhrase());
            }
        }
        // A stalled or saturated database passes: the client is told when to try again, as a refused hash is.
        KeywardException answer = isDatabaseDown(root) ? Errors.DATABASE_UNAVAILABLE.error("retry_after", DATABASE_RETRY_AFTER_SECONDS)
                : Errors.INTERNAL.error();
        String id = correlation == null ? ErrorBodies.newCorrelationId() : correlation;
        LOG.log(Level.SEVERE, "request failed: " + answer.getMessage() + " correlation_id=" + id, t);
        return ErrorResponses.of(answer, id);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 10 && current != null; i++) {
            if (current instanceof KeywardException || current instanceof WireFormatException) {
                return current;
            }
            if (current instanceof EJBException e && e.getCausedByException() != null) {
                current = e.getCausedByException();
            } else if (current.getCause() != null && (current instanceof EJBException
                    || current instanceof jakarta.transaction.RollbackException
                    || current.getClass().getName().startsWith("jakarta.ejb"))) {
                current = current.getCause();
            } else {
                return current;
            }
        }
        return t;
    }

    /**
     * SQLSTATE classes of an unavailable database: 08 connection exception, 53 insufficient resources,
     * 57 operator intervention (57014 statement timeout, 57P01-03 shutdown and start-up), 55P03 lock
     * not available.
     */
    static boolean isUnavailableState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.equals("55P03");
    }

    private static boolean isDatabaseDown(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            // A full pool (is.db.pool.wait) and a statement timeout (is.db.statement-timeout) are outages too.
            if (c instanceof SQLTransientConnectionException || c instanceof SQLTimeoutException) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null && isUnavailableState(s.getSQLState())) {
                return true;
            }
            if (c instanceof PersistenceException p && p.getMessage() != null
                    && p.getMessage().contains("connection")) {
                return true;
            }
        }
        return false;
    }
}
