package io.keyward.http;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the route template a request matched ({@code /api/v3/users/{user_id}}), never the path itself: the
 * {@code route} label of {@link RouteMetrics} must stay a short, fixed list whatever IDs clients send. In a
 * servlet container a JAX-RS property is a request attribute, so {@link RequestFilter} reads it afterwards.
 */
@Provider
public class RouteTemplateFilter implements ContainerRequestFilter {
    static final String ROUTE_ATTRIBUTE = "keyward.route";
    private static final String API = "/api/v3";
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method != null) {
            request.setProperty(ROUTE_ATTRIBUTE, TEMPLATES.computeIfAbsent(method,
                    m -> template(resource.getResourceClass(), m)));
        }
    }

    static String template(Class<?> type, Method method) {
        return API + part(classPath(type)) + part(method.getAnnotation(Path.class));
    }

    /** The class's @Path, also when the class seen is a container's subclass (proxy) of the resource. */
    private static Path classPath(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path p = c.getAnnotation(Path.class);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String part(Path path) {
        if (path == null || path.value().isEmpty() || path.value().equals("/")) {
            return "";
        }
        String p = path.value();
        p = p.startsWith("/") ? p : "/" + p;
        // A template's regular expression ({id: [a-z]+}) is not part of its name.
        p = p.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}");
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
