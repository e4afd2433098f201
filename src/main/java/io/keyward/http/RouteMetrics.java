package io.keyward.http;

import io.keyward.config.KeywardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Requests by route, method and status class, with a latency histogram per route (issue 15 §2):
 * {@code keyward_http_server_requests_seconds{method,route,status}} on /metrics (application scope), with the
 * buckets of {@code mp.metrics.distribution.timer.buckets} (microprofile-config.properties) and no client-side
 * quantiles. Every label has a fixed, short list of values: the route is the matched template
 * ({@link RouteTemplateFilter}) or the servlet mapping, unknown methods count as {@code other}. The timers are
 * kept here once created: a registry lookup per request (tags sorted, IDs built) would cost more than the update.
 */
@ApplicationScoped
public class RouteMetrics {
    static final String NAME = "keyward.http.server.requests";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final String[] STATUS = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Metadata METADATA = Metadata.builder().withName(NAME).withUnit(MetricUnits.SECONDS)
            .withDescription("HTTP requests by route template, method and status class, with their duration").build();

    @Inject
    MetricRegistry registry;

    @Inject
    KeywardConfig config;

    /** Null when is.metrics.enabled is off (or outside a container): nothing is recorded. */
    private MetricRegistry recording;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        recording = config.bool(KeywardConfig.Option.METRICS_ENABLED) ? registry : null;
    }

    void record(HttpServletRequest request, int status, long nanos) {
        if (recording == null) {
            return;
        }
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "other";
        String statusClass = status >= 100 && status < 600 ? STATUS[status / 100 - 1] : "other";
        String route = route(request);
        String key = method + ' ' + statusClass + ' ' + route;
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> recording.timer(METADATA,
                    new Tag("method", method), new Tag("route", route), new Tag("status", statusClass)));
        }
        timer.update(Duration.ofNanos(nanos));
    }

    /** The matched JAX-RS template, else the servlet mapping's pattern ({@code /oauth/token}, {@code /scim/v2/*}). */
    static String route(HttpServletRequest request) {
        Object template = request.getAttribute(RouteTemplateFilter.ROUTE_ATTRIBUTE);
        if (template instanceof String s) {
            return s;
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        String pattern = mapping == null ? null : mapping.getPattern();
        return pattern == null || pattern.isEmpty() ? "other" : pattern;
    }
}
