package io.keyward.scim;

import io.keyward.wire.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4, RFC 7643 §5-7): what Keyward supports. */
final class ScimDiscovery {
    static final int MAX_RESULTS = 200;

    private ScimDiscovery() {
    }

    static JsonObject serviceProviderConfig(String base) {
        return JsonP.object()
                .add("schemas", JsonP.array().add(ScimJson.CONFIG))
                .add("patch", JsonP.object().add("supported", true))
                .add("bulk", JsonP.object().add("supported", false).add("maxOperations", 0).add("maxPayloadSize", 0))
                .add("filter", JsonP.object().add("supported", true).add("maxResults", MAX_RESULTS))
                .add("changePassword", JsonP.object().add("supported", false))
                .add("sort", JsonP.object().add("supported", false))
                .add("etag", JsonP.object().add("supported", true))
                .add("authenticationSchemes", JsonP.array().add(JsonP.object()
                        .add("type", "oauthbearertoken")
                        .add("name", "Bearer token")
                        .add("description", "The provisioning token whose SHA-256 is is.scim.token-hash")
                        .add("primary", true)))
                .add("meta", JsonP.object().add("resourceType", "ServiceProviderConfig")
                        .add("location", base + "/ServiceProviderConfig"))
                .build();
    }

    static List<JsonObject> resourceTypes(String base) {
        return List.of(resourceType(base, "User", "/Users", ScimJson.USER),
                resourceType(base, "Group", "/Groups", ScimJson.GROUP));
    }

    private static JsonObject resourceType(String base, String name, String endpoint, String schema) {
        return JsonP.object()
                .add("schemas", JsonP.array().add(ScimJson.RESOURCE_TYPE))
                .add("id", name).add("name", name).add("endpoint", endpoint).add("schema", schema)
                .add("meta", JsonP.object().add("resourceType", "ResourceType").add("location", base + "/ResourceTypes/" + name))
                .build();
    }

    static List<JsonObject> schemas(String base) {
        JsonObject user = schema(base, ScimJson.USER, "User", "User Account",
                attr("userName", "string", false, true, "readWrite", "server", false)
                        .add("description", "The Keyward user ID: 2 to 36 lower-case letters, digits and single dashes"),
                attr("name", "complex", false, false, "readWrite", "none", false)
                        .add("subAttributes", JsonP.array()
                                .add(attr("formatted", "string", false, false, "readWrite", "none", false))
                                .add(attr("givenName", "string", false, false, "writeOnly", "none", false))
                                .add(attr("familyName", "string", false, false, "writeOnly", "none", false))),
                attr("displayName", "string", false, false, "readWrite", "none", false),
                attr("active", "boolean", false, false, "readWrite", "none", false),
                attr("emails", "complex", true, true, "readWrite", "none", false)
                        .add("subAttributes", JsonP.array()
                                .add(attr("value", "string", false, true, "readWrite", "server", false))
                                .add(attr("type", "string", false, false, "readWrite", "none", false))
                                .add(attr("primary", "boolean", false, false, "readWrite", "none", false))),
                attr("groups", "complex", true, false, "readOnly", "none", false)
                        .add("subAttributes", JsonP.array()
                                .add(attr("value", "string", false, false, "readOnly", "none", false))
                                .add(attr("display", "string", false, false, "readOnly", "none", false))));
        JsonObject group = schema(base, ScimJson.GROUP, "Group", "Keyward's admins",
                attr("displayName", "string", false, true, "readWrite", "server", false),
                attr("members", "complex", true, false, "readWrite", "none", false)
                        .add("subAttributes", JsonP.array()
                                .add(attr("value", "string", false, true, "immutable", "none", false))
                                .add(attr("display", "string", false, false, "readOnly", "none", false))));
        return List.of(user, group);
    }

    private static JsonObject schema(String base, String id, String name, String description, JsonObjectBuilder... attributes) {
        JsonArrayBuilder a = JsonP.array();
        for (JsonObjectBuilder b : attributes) {
            a.add(b);
        }
        return JsonP.object()
                .add("schemas", JsonP.array().add(ScimJson.SCHEMA))
                .add("id", id).add("name", name).add("description", description)
                .add("attributes", a)
                .add("meta", JsonP.object().add("resourceType", "Schema").add("location", base + "/Schemas/" + id))
                .build();
    }

    private static JsonObjectBuilder attr(String name, String type, boolean multiValued, boolean required,
                                          String mutability, String uniqueness, boolean caseExact) {
        return JsonP.object().add("name", name).add("type", type).add("multiValued", multiValued)
                .add("required", required).add("caseExact", caseExact).add("mutability", mutability)
                .add("returned", "default").add("uniqueness", uniqueness);
    }
}
