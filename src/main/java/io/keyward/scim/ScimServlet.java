package io.keyward.scim;

import io.keyward.audit.AuditActor;
import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.crypto.Secrets;
import io.keyward.entity.Ids;
import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.user.UserProvisioning;
import io.keyward.user.UserProvisioning.Account;
import io.keyward.wire.JsonP;
import io.keyward.wire.Page;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /scim/v2}: the endpoints of RFC 7644 that Okta and Microsoft Entra ID use (Users and the admin
 * Group; discovery), behind the provisioning token. A servlet, not a JAX-RS resource: Keyward's JAX-RS
 * application is rooted at {@code /api/v3}, and a second application in the WAR would serve every resource
 * under both roots. Rules are {@link UserProvisioning}'s; this class only speaks SCIM.
 */
@WebServlet(urlPatterns = "/scim/v2/*")
public class ScimServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(ScimServlet.class.getName());
    private static final String PREFIX = "/scim/v2";

    /**
     * The caller the provisioning token stands for: an admin, so that the registry's admin-only fields
     * (state, admin flag, validation time) are open to it, with universal rights limited to what
     * provisioning users needs. It exists only inside this servlet: no other endpoint accepts the token.
     */
    static final Caller PROVISIONER = new Caller(Caller.Kind.SCIM, null, "scim", Rights.NONE,
            Rights.of(Right.RIGHT_USER_INFO, Right.RIGHT_USER_SETTINGS_BASIC, Right.RIGHT_USER_DELETE), true,
            State.STATE_APPROVED, "", List.of());

    @Inject
    UserProvisioning users;

    @Inject
    CallerContext context;

    @Inject
    KeywardConfig config;

    @Inject
    AuditTrail audit;

    private record Answer(int status, JsonObject body, String etag, String location) {
        static Answer ok(JsonObject body) {
            return new Answer(200, body, null, null);
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        Answer answer;
        try {
            authenticate(req);
            answer = route(req, base(req));
        } catch (ScimException e) {
            answer = failure(e);
        } catch (KeywardException e) {
            answer = failure(ScimException.of(e));
        } catch (RuntimeException e) {
            answer = failure(unexpected(req, e));
        }
        if (answer.status() == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"keyward-scim\"");
        }
        resp.setStatus(answer.status());
        if (answer.etag() != null) {
            resp.setHeader("ETag", answer.etag());
        }
        if (answer.location() != null) {
            resp.setHeader("Location", answer.location());
        }
        if (answer.body() != null) {
            resp.setContentType(ScimJson.MEDIA_TYPE + ";charset=UTF-8");
            resp.getOutputStream().write(answer.body().toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A catalogue error wrapped by the container, an outage (503: IdPs retry), or else a 500 that is logged. */
    private static ScimException unexpected(HttpServletRequest req, RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof KeywardException k) {
                return ScimException.of(k);
            }
            if (c instanceof java.sql.SQLTransientConnectionException || c instanceof java.sql.SQLTimeoutException
                    || (c instanceof java.sql.SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("53") || s.getSQLState().startsWith("57")))) {
                return new ScimException(503, null, "the database is unavailable; retry later");
            }
        }
        LOG.log(Level.WARNING, "SCIM " + req.getMethod() + " failed: " + e.getClass().getName(), e);
        return new ScimException(500, null, "internal error");
    }

    private static Answer failure(ScimException e) {
        return new Answer(e.status(), ScimJson.error(e), null, null);
    }

    /** The provisioning token, compared by its SHA-256 in constant time; the token itself is never kept. */
    private void authenticate(HttpServletRequest req) {
        String hash = config.string(Option.SCIM_TOKEN_HASH).trim().toLowerCase(Locale.ROOT);
        if (hash.isEmpty()) {
            throw ScimException.notFound("SCIM provisioning is off (is.scim.token-hash is not set)");
        }
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw refused("missing_token", "the provisioning bearer token is required");
        }
        if (!Secrets.constantTimeEquals(Secrets.sha256(header.substring(7).trim()), hash)) {
            throw refused("invalid_token", "invalid provisioning token");
        }
        context.actAs(PROVISIONER);
    }

    /** A request without the provisioning token: recorded (anonymous, never what it presented), then 401. */
    private ScimException refused(String reason, String detail) {
        audit.refused(AuditEvent.of("scim.authenticate").outcome(AuditEvent.FAILURE).actor(AuditActor.ANONYMOUS)
                .detail("reason", reason));
        return new ScimException(401, null, detail);
    }

    private Answer route(HttpServletRequest req, String base) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceAll("^/+|/+$", "");
        String[] seg = path.isEmpty() ? new String[0] : path.split("/");
        String method = req.getMethod();
        if (seg.length == 0 || seg.length > 2) {
            throw ScimException.notFound("no such endpoint");
        }
        String id = seg.length == 2 ? seg[1] : null;
        switch (seg[0].toLowerCase(Locale.ROOT)) {
            case "serviceproviderconfig" -> {
                only(method, id == null, "GET");
                return Answer.ok(ScimDiscovery.serviceProviderConfig(base));
            }
            case "resourcetypes" -> {
                only(method, true, "GET");
                return discovery(ScimDiscovery.resourceTypes(base), id);
            }
            case "schemas" -> {
                only(method, true, "GET");
                return discovery(ScimDiscovery.schemas(base), id);
            }
            case "users" -> {
                return id == null ? users(req, method, base) : user(req, method, base, id);
            }
            case "groups" -> {
                return id == null ? groups(req, method, base) : group(req, method, base, id);
            }
            default -> throw ScimException.notFound("no such endpoint");
        }
    }

    private static void only(String method, boolean pathOk, String allowed) {
        if (!pathOk) {
            throw ScimException.notFound("no such endpoint");
        }
        if (!method.equals(allowed)) {
            throw new ScimException(405, null, method + " is not supported here");
        }
    }

    private static Answer discovery(List<JsonObject> all, String id) {
        if (id == null) {
            return Answer.ok(ScimJson.list(all, all.size(), 1));
        }
        for (JsonObject o : all) {
            if (o.getString("id").equals(id)) {
                return Answer.ok(o);
            }
        }
        throw ScimException.notFound("no such resource: " + id);
    }

    // ------------------------------------------------------------------ Users

    private Answer users(HttpServletRequest req, String method, String base) throws IOException {
        switch (method) {
            case "GET" -> {
                Optional<UserProvisioning.Filter> filter = ScimUsers.filter(ScimFilter.parse(req.getParameter("filter")));
                int start = Math.max(1, intParam(req, "startIndex", 1));
                int count = Math.min(ScimDiscovery.MAX_RESULTS, Math.max(0, intParam(req, "count", ScimDiscovery.MAX_RESULTS)));
                Page<UserProvisioning.Account> page = filter.isPresent() ? users.list(filter.get(), start - 1, count)
                        : Page.empty(0);
                ScimGroups.Group g = adminGroup();
                return Answer.ok(ScimJson.list(page.items().stream().map(a -> ScimUsers.resource(a, base, g)).toList(),
                        page.total(), start));
            }
            case "POST" -> {
                UserProvisioning.Profile p = ScimUsers.profile(body(req), true);
                Account a;
                try {
                    a = users.create(p);
                } catch (KeywardException e) {
                    if (e.is(Errors.ALREADY_EXISTS)) {
                        throw new ScimException(409, "uniqueness", "a user with this userName (IDs of deleted users stay"
                                + " taken), e-mail address or externalId exists already");
                    }
                    throw e;
                }
                JsonObject body = ScimUsers.resource(a, base, adminGroup());
                return new Answer(201, body, ScimJson.version(a.updatedAt()), base + "/Users/" + a.userId());
            }
            default -> throw new ScimException(405, null, method + " is not supported on /Users");
        }
    }

    private Answer user(HttpServletRequest req, String method, String base, String id) throws IOException {
        if (!Ids.isValid(id, Ids.USER_ID)) {
            throw ScimException.notFound("no user " + id);
        }
        String ifMatch = req.getHeader("If-Match");
        Account a = switch (method) {
            case "GET" -> users.get(id);
            case "PUT" -> {
                UserProvisioning.Profile p = ScimUsers.profile(body(req), false);
                if (!p.userId().equals(id)) {
                    throw ScimException.mutability("userName is the Keyward user ID and cannot change");
                }
                yield replace(id, current -> {
                    requireVersion(ifMatch, current);
                    return p;
                });
            }
            case "PATCH" -> {
                // The operations apply to the user as locked in the update's own transaction, not to an
                // earlier read of it: a change in between is neither lost nor overwritten.
                JsonObject body = body(req);
                yield replace(id, current -> {
                    requireVersion(ifMatch, current);
                    return ScimUsers.patch(current, body);
                });
            }
            case "DELETE" -> {
                users.delete(id, current -> requireVersion(ifMatch, current));
                yield null;
            }
            default -> throw new ScimException(405, null, method + " is not supported on /Users/{id}");
        };
        if (a == null) {
            return new Answer(204, null, null, null);
        }
        return new Answer(200, ScimUsers.resource(a, base, adminGroup()), ScimJson.version(a.updatedAt()), null);
    }

    /**
     * RFC 7644 §3.14: a write with {@code If-Match} proceeds only while the user is at one of the versions it
     * names ({@code *}: any); otherwise {@code 412}. Without the header it proceeds. Versions are weak ETags,
     * compared weakly, as SCIM clients send back the {@code meta.version} they read.
     */
    static void requireVersion(String ifMatch, Account current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String version = opaque(ScimJson.version(current.updatedAt()));
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || opaque(t).equals(version)) {
                return;
            }
        }
        throw new ScimException(412, null, "the user changed since the version in If-Match; it is now at "
                + ScimJson.version(current.updatedAt()) + ": read it again");
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    private Account replace(String id, Function<Account, UserProvisioning.Profile> change) {
        try {
            return users.replace(id, change);
        } catch (KeywardException e) {
            if (e.is(Errors.ALREADY_EXISTS)) {
                throw new ScimException(409, "uniqueness", "another user has this e-mail address or externalId");
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ Groups

    private ScimGroups.Group adminGroup() {
        return new ScimGroups.Group(ScimGroups.ADMINS_ID, config.string(Option.SCIM_ADMIN_GROUP));
    }

    private Answer groups(HttpServletRequest req, String method, String base) throws IOException {
        ScimGroups.Group g = adminGroup();
        switch (method) {
            case "GET" -> {
                boolean matches = ScimGroups.matches(g, ScimFilter.parse(req.getParameter("filter")));
                int start = Math.max(1, intParam(req, "startIndex", 1));
                int count = Math.max(0, intParam(req, "count", ScimDiscovery.MAX_RESULTS));
                List<JsonObject> page = matches && start == 1 && count > 0
                        ? List.of(ScimGroups.resource(g, users.admins(), withMembers(req), base)) : List.of();
                return Answer.ok(ScimJson.list(page, matches ? 1 : 0, start));
            }
            case "POST" -> {
                // The group exists always: creating it (an IdP pushing its group) finds it and adds the members.
                JsonObject body = body(req);
                String name = ScimJson.string(body, "displayName");
                if (name == null || !name.equalsIgnoreCase(g.displayName())) {
                    throw ScimException.invalidValue("Keyward has one group, \"" + g.displayName()
                            + "\" (is.scim.admin-group), not \"" + name + "\"");
                }
                Set<String> members = ScimGroups.members(ScimJson.get(body, "members"));
                if (!members.isEmpty()) {
                    users.setAdmin(members, true);
                }
                return new Answer(201, ScimGroups.resource(g, users.admins(), true, base), null, base + "/Groups/" + g.id());
            }
            default -> throw new ScimException(405, null, method + " is not supported on /Groups");
        }
    }

    private Answer group(HttpServletRequest req, String method, String base, String id) throws IOException {
        ScimGroups.Group g = adminGroup();
        if (!g.id().equals(id)) {
            throw ScimException.notFound("no group " + id + ": Keyward has one, " + g.id());
        }
        switch (method) {
            case "GET" -> {
                return Answer.ok(ScimGroups.resource(g, users.admins(), withMembers(req), base));
            }
            case "PUT" -> {
                JsonObject body = body(req);
                ScimGroups.checkName(g, ScimJson.get(body, "displayName"));
                users.replaceAdmins(ScimGroups.members(ScimJson.get(body, "members")));
            }
            case "PATCH" -> {
                JsonObject body = body(req);
                Set<String> current = new LinkedHashSet<>(users.admins().stream().map(Account::userId).toList());
                Set<String> target = ScimGroups.patch(g, current, body);
                if (!target.equals(current)) {
                    users.replaceAdmins(target);
                }
            }
            case "DELETE" -> throw ScimException.mutability("the group \"" + g.displayName() + "\" (Keyward's admins) cannot be deleted");
            default -> throw new ScimException(405, null, method + " is not supported on /Groups/{id}");
        }
        return Answer.ok(ScimGroups.resource(g, users.admins(), true, base));
    }

    private static boolean withMembers(HttpServletRequest req) {
        String excluded = req.getParameter("excludedAttributes");
        return excluded == null || !excluded.toLowerCase(Locale.ROOT).contains("members");
    }

    // ------------------------------------------------------------------ helpers

    /** The request body as a JSON object; read whole first, so that the body-size limit answers 413. */
    private static JsonObject body(HttpServletRequest req) throws IOException {
        byte[] bytes = req.getInputStream().readAllBytes();
        try (var r = JsonP.reader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            JsonValue v = r.readValue();
            if (!(v instanceof JsonObject o)) {
                throw ScimException.invalidSyntax("the body must be a JSON object");
            }
            return o;
        } catch (JsonException e) {
            throw ScimException.invalidSyntax("malformed JSON body");
        }
    }

    private static int intParam(HttpServletRequest req, String name, int fallback) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }

    /** {@code scheme://host[:port][/context]/scim/v2}, as the client addressed it. */
    private static String base(HttpServletRequest req) {
        String url = req.getRequestURL().toString();
        int i = url.indexOf(PREFIX);
        return i < 0 ? url : url.substring(0, i + PREFIX.length());
    }
}
