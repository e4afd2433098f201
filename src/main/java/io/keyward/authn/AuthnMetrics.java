package io.keyward.authn;

import io.keyward.config.KeywardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What an operator alerts on in authentication (issue 15 §2), in the application scope of /metrics:
 * {@code keyward_logins_total{grant,outcome}} and {@code keyward_credential_checks_total{kind,result}}.
 * The credential counters sit on every request's path: they are looked up once (a lookup by ID in the
 * registry measurably slowed an authenticated GET). That is safe because no other application of the
 * server registers them: the in-container tests' copies run with is.metrics.enabled=false.
 */
@ApplicationScoped
public class AuthnMetrics {
    /** The kind of bearer credential, told by its form (never by looking it up). */
    enum Kind {
        API_KEY, TOKEN, SSO, OTHER;

        static Kind of(String bearer) {
            if (bearer.startsWith("NNSXS.")) {
                return API_KEY;
            }
            if (bearer.startsWith("MFRWG.")) {
                return TOKEN;
            }
            return bearer.startsWith("ey") && bearer.chars().filter(c -> c == '.').count() == 2 ? SSO : OTHER;
        }
    }

    /** cache_hit: answered from this node's short-lived copy; verified: checked in the database; refused. */
    enum Result { CACHE_HIT, VERIFIED, REFUSED }

    @Inject
    MetricRegistry registry;

    @Inject
    KeywardConfig config;

    /** Null outside a container (unit tests) and when is.metrics.enabled is off: nothing is counted. */
    private MetricRegistry counting;

    @PostConstruct
    void start() {
        counting = config.bool(KeywardConfig.Option.METRICS_ENABLED) ? registry : null;
        if (counting == null) {
            return;
        }
        for (Kind kind : Kind.values()) {
            Map<Result, Counter> byResult = new EnumMap<>(Result.class);
            for (Result result : Result.values()) {
                byResult.put(result, counting.counter("keyward.credential.checks",
                        new Tag("kind", name(kind)), new Tag("result", name(result))));
            }
            checks.put(kind, byResult);
        }
    }

    private final Map<Kind, Map<Result, Counter>> checks = new EnumMap<>(Kind.class);

    void credentialCheck(String bearer, Result result) {
        if (counting != null) {
            checks.get(Kind.of(bearer)).get(result).inc();
        }
    }

    /**
     * @param grant password, refresh_token or the login-token grant (anything else counts as other)
     * @param outcome ok, bad_credentials, throttled, unavailable or invalid_request
     */
    void login(String grant, String outcome) {
        String g = "password".equals(grant) || "refresh_token".equals(grant) ? grant
                : OAuthTokenServlet.LOGIN_TOKEN_GRANT.equals(grant) ? "login_token" : "other";
        if (counting != null) {
            counting.counter("keyward.logins", new Tag("grant", g), new Tag("outcome", outcome)).inc();
        }
    }

    /** The outcome label of a refused token request. */
    static String outcome(OAuthException e) {
        return switch (e.status()) {
            case 429 -> "throttled";
            case 503 -> "unavailable";
            default -> "invalid_grant".equals(e.error()) ? "bad_credentials" : "invalid_request";
        };
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
