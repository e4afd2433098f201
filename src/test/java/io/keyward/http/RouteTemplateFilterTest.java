package io.keyward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The route label is the matched template, built from the resource's @Path annotations, never a real path. */
class RouteTemplateFilterTest {

    @Path("/users/{user_id}")
    static class Resource {
        @GET
        public void get() {
        }

        @GET
        @Path("api-keys/{key_id: [A-Z0-9]+}/")
        public void key() {
        }
    }

    /** What a container's proxy of the resource looks like: a subclass without annotations. */
    static class Proxy extends Resource {
    }

    @Path("/")
    static class Root {
        @GET
        @Path("/auth_info")
        public void authInfo() {
        }
    }

    @Test
    void classAndMethodPathsMakeTheTemplate() throws Exception {
        assertEquals("/api/v3/users/{user_id}", RouteTemplateFilter.template(Resource.class, Resource.class.getMethod("get")));
        assertEquals("/api/v3/auth_info", RouteTemplateFilter.template(Root.class, Root.class.getMethod("authInfo")));
    }

    @Test
    void aParameterPatternAndATrailingSlashAreNotPartOfTheName() throws Exception {
        assertEquals("/api/v3/users/{user_id}/api-keys/{key_id}",
                RouteTemplateFilter.template(Resource.class, Resource.class.getMethod("key")));
    }

    @Test
    void aProxySubclassNamesTheResourcesTemplate() throws Exception {
        assertEquals("/api/v3/users/{user_id}", RouteTemplateFilter.template(Proxy.class, Proxy.class.getMethod("get")));
    }
}
