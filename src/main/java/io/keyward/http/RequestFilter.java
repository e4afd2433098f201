package io.keyward.http;

import io.keyward.config.KeywardConfig;
import io.keyward.error.Errors;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Every request: a correlation id, a cap on the body size, its route's figures ({@link RouteMetrics}), and one
 * log line with method, path (never the query string, which may carry e-mail addresses or tokens), status and
 * duration. Declared in web.xml: it runs first.
 */
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
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            // A request that waited suspended (user/HashingAdmission) comes back here: its correlation ID and its
            // body limit are the first pass's; it is logged and counted once, when it completes.
            limited(request, response, chain);
            return;
        }
        long start = System.nanoTime();
        String correlation = ErrorBodies.newCorrelationId();
        request.setAttribute(CORRELATION_ATTRIBUTE, correlation);
        long max = config.maxRequestBytes();
        try {
            if (request.getContentLengthLong() > max) {
                reject(request, response);
                return;
            }
            limited(new LimitedRequest(request, max), response, chain);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        finished(request, response, start);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        // onComplete follows
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        // onComplete follows
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                        // one cycle
                    }
                });
            } else {
                finished(request, response, start);
            }
        }
    }

    private void limited(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                response.reset();
                reject(request, response);
            }
        }
    }

    private void finished(HttpServletRequest request, HttpServletResponse response, long start) {
        long nanos = System.nanoTime() - start;
        metrics.record(request, response.getStatus(), nanos);
        if (LOG.isLoggable(java.util.logging.Level.INFO)) {
            long micros = nanos / 1000;
            LOG.info(request.getMethod() + " " + request.getRequestURI() + " " + response.getStatus()
                    + " " + (micros / 1000) + "." + String.format("%03d", micros % 1000) + "ms correlation_id="
                    + request.getAttribute(CORRELATION_ATTRIBUTE));
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long max = config.maxRequestBytes();
        ErrorResponses.write(response, 413, Errors.REQUEST_TOO_LARGE.error("max_bytes", max),
                (String) request.getAttribute(CORRELATION_ATTRIBUTE));
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
