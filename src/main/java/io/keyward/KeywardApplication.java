package io.keyward;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The Things Stack's HTTP API lives under /api/v3; Keyward serves the user APIs there. Resources are
 * {@code @ApplicationScoped} and stateless (request data arrives as method parameters): building a
 * resource per request cost 7-9% of a GET's CPU (issue 8).
 */
@ApplicationPath("/api/v3")
public class KeywardApplication extends Application {
}
