package io.keyward.http;

import io.keyward.config.KeywardConfig;
import io.keyward.error.Errors;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Every request: a correlation id, a cap on the body size, its route's figures ({@link RouteMetrics}), and one
 * log line with method, path (never the query string, which may carry e-mail addresses or tokens), status and
 * duration.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestFilter implements Filter {
    public static final String CORRELATION_ATTRIBUTE = "keyward.correlation_id";
    private static final Logger LOG = Logger.getLogger("io.keyward.request");

    @Inject
    KeywardConfig config;

    @Inject
    RouteMetrics metrics;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long start = System.nanoTime();
        String correlation = ErrorBodies.newCorrelationId();
        request.setAttribute(CORRELATION_ATTRIBUTE, correlation);
        long max = config.maxRequestBytes();
        try {
            if (request.getContentLengthLong() > max) {
                reject(response, max, correlation);
                return;
            }
            chain.doFilter(new LimitedRequest(request, max), response);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                response.reset();
                reject(response, max, correlation);
            }
        } finally {
            long nanos = System.nanoTime() - start;
            metrics.record(request, response.getStatus(), nanos);
            if (LOG.isLoggable(java.util.logging.Level.INFO)) {
                long micros = nanos / 1000;
                LOG.info(request.getMethod() + " " + request.getRequestURI() + " " + response.getStatus()
                        + " " + (micros / 1000) + "." + String.format("%03d", micros % 1000) + "ms correlation_id=" + correlation);
            }
        }
    }

    private static void reject(HttpServletResponse response, long max, String correlation) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.getOutputStream().write(ErrorBodies.of(Errors.REQUEST_TOO_LARGE.error("max_bytes", max), correlation)
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    /** Counts body bytes for requests without (or with a lying) Content-Length. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++count > max) {
                            throw new BodyTooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (count += n) > max) {
                            throw new BodyTooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
