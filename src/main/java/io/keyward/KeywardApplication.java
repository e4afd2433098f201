package io.keyward;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The Things Stack's HTTP API lives under /api/v3; Keyward serves the user APIs there. Resources are
 * {@code @ApplicationScoped} and stateless (request data arrives as method parameters): building a
 * resource per request cost 7-9% of a GET's CPU (issue 8).
 */
@ApplicationPath("/api/v3")
@OpenAPIDefinition(info = @Info(title = "Keyward", version = "0.1.0",
        description = "Identity server for LoRaWAN network operators, wire-compatible with The Things Stack's user APIs."))
public class KeywardApplication extends Application {
}
