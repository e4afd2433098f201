package io.keyward.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every change the API refused for lack of rights (403 to a method that writes), in one place
 * rather than in each rights check: the check throws, the change's transaction rolls back, and the refusal
 * is kept here in a transaction of its own. Costs nothing on allowed requests and on reads.
 */
@Provider
public class AuditDenials implements ContainerResponseFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern USER_PATH = Pattern.compile("^/?users/([^/]+)");

    @Inject
    AuditTrail trail;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 403 || READS.contains(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        AuditEvent event = AuditEvent.of("request.denied").outcome(AuditEvent.DENIED)
                .detail("method", request.getMethod())
                .detail("path", AuditTrail.cut(path, 256));
        Matcher m = USER_PATH.matcher(path);
        if (m.find()) {
            event.user(m.group(1));
        }
        trail.refused(event);
    }
}
