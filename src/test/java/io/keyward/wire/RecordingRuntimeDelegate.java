package io.keyward.wire;

import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Just enough of a JAX-RS runtime for unit tests of code that builds a {@link Response} (status, entity,
 * headers): the unit-test class path has the JAX-RS API but no implementation, so Response.ok() would fail.
 * Install with {@code RuntimeDelegate.setInstance(new RecordingRuntimeDelegate())}, remove with {@code null}.
 */
final class RecordingRuntimeDelegate extends RuntimeDelegate {
    private static UnsupportedOperationException no() {
        return new UnsupportedOperationException("not in the unit-test JAX-RS stub");
    }

    @Override
    public Response.ResponseBuilder createResponseBuilder() {
        return new Builder();
    }

    @Override public UriBuilder createUriBuilder() { throw no(); }
    @Override public Variant.VariantListBuilder createVariantListBuilder() { throw no(); }
    @Override public <T> T createEndpoint(Application a, Class<T> t) { throw no(); }
    @Override public <T> HeaderDelegate<T> createHeaderDelegate(Class<T> t) { throw no(); }
    @Override public Link.Builder createLinkBuilder() { throw no(); }
    @Override public SeBootstrap.Configuration.Builder createConfigurationBuilder() { throw no(); }
    @Override public CompletionStage<SeBootstrap.Instance> bootstrap(Application a, SeBootstrap.Configuration c) { throw no(); }
    @Override public CompletionStage<SeBootstrap.Instance> bootstrap(Class<? extends Application> a, SeBootstrap.Configuration c) { throw no(); }
    @Override public EntityPart.Builder createEntityPartBuilder(String name) { throw no(); }

    private static final class Builder extends Response.ResponseBuilder {
        private int status = 200;
        private Object entity;
        private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        @Override
        public Response build() {
            return new Built(status, entity, headers);
        }

        @Override
        public Response.ResponseBuilder status(int s) {
            status = s;
            return this;
        }

        @Override
        public Response.ResponseBuilder status(int s, String reason) {
            return status(s);
        }

        @Override
        public Response.ResponseBuilder entity(Object e) {
            entity = e;
            return this;
        }

        @Override
        public Response.ResponseBuilder entity(Object e, Annotation[] annotations) {
            return entity(e);
        }

        @Override
        public Response.ResponseBuilder header(String name, Object value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.add(name, value);
            }
            return this;
        }

        @Override
        public Response.ResponseBuilder type(String type) {
            return header("Content-Type", type);
        }

        @Override
        public Response.ResponseBuilder type(MediaType type) {
            return header("Content-Type", type);
        }

        @Override public Response.ResponseBuilder clone() { throw no(); }
        @Override public Response.ResponseBuilder allow(String... methods) { throw no(); }
        @Override public Response.ResponseBuilder allow(Set<String> methods) { throw no(); }
        @Override public Response.ResponseBuilder cacheControl(CacheControl c) { throw no(); }
        @Override public Response.ResponseBuilder encoding(String e) { throw no(); }
        @Override public Response.ResponseBuilder replaceAll(MultivaluedMap<String, Object> h) { throw no(); }
        @Override public Response.ResponseBuilder language(String l) { throw no(); }
        @Override public Response.ResponseBuilder language(Locale l) { throw no(); }
        @Override public Response.ResponseBuilder variant(Variant v) { throw no(); }
        @Override public Response.ResponseBuilder contentLocation(URI u) { throw no(); }
        @Override public Response.ResponseBuilder cookie(NewCookie... c) { throw no(); }
        @Override public Response.ResponseBuilder expires(Date d) { throw no(); }
        @Override public Response.ResponseBuilder lastModified(Date d) { throw no(); }
        @Override public Response.ResponseBuilder location(URI u) { throw no(); }
        @Override public Response.ResponseBuilder tag(EntityTag t) { throw no(); }
        @Override public Response.ResponseBuilder tag(String t) { throw no(); }
        @Override public Response.ResponseBuilder variants(Variant... v) { throw no(); }
        @Override public Response.ResponseBuilder variants(List<Variant> v) { throw no(); }
        @Override public Response.ResponseBuilder links(Link... l) { throw no(); }
        @Override public Response.ResponseBuilder link(URI u, String rel) { throw no(); }
        @Override public Response.ResponseBuilder link(String u, String rel) { throw no(); }
    }

    private static final class Built extends Response {
        private final int status;
        private final Object entity;
        private final MultivaluedMap<String, Object> headers;

        Built(int status, Object entity, MultivaluedMap<String, Object> headers) {
            this.status = status;
            this.entity = entity;
            this.headers = headers;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public Object getEntity() {
            return entity;
        }

        @Override
        public boolean hasEntity() {
            return entity != null;
        }

        @Override
        public MultivaluedMap<String, Object> getMetadata() {
            return headers;
        }

        @Override
        public String getHeaderString(String name) {
            List<Object> values = headers.get(name);
            return values == null ? null : String.join(",", values.stream().map(String::valueOf).toList());
        }

        @Override public StatusType getStatusInfo() { throw no(); }
        @Override public <T> T readEntity(Class<T> t) { throw no(); }
        @Override public <T> T readEntity(GenericType<T> t) { throw no(); }
        @Override public <T> T readEntity(Class<T> t, Annotation[] a) { throw no(); }
        @Override public <T> T readEntity(GenericType<T> t, Annotation[] a) { throw no(); }
        @Override public boolean bufferEntity() { throw no(); }
        @Override public void close() { }
        @Override public MediaType getMediaType() { throw no(); }
        @Override public Locale getLanguage() { throw no(); }
        @Override public int getLength() { throw no(); }
        @Override public Set<String> getAllowedMethods() { throw no(); }
        @Override public Map<String, NewCookie> getCookies() { throw no(); }
        @Override public EntityTag getEntityTag() { throw no(); }
        @Override public Date getDate() { throw no(); }
        @Override public Date getLastModified() { throw no(); }
        @Override public URI getLocation() { throw no(); }
        @Override public Set<Link> getLinks() { throw no(); }
        @Override public boolean hasLink(String rel) { throw no(); }
        @Override public Link getLink(String rel) { throw no(); }
        @Override public Link.Builder getLinkBuilder(String rel) { throw no(); }
        @Override public MultivaluedMap<String, String> getStringHeaders() { throw no(); }
    }
}
