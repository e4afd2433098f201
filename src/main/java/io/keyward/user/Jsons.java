package io.keyward.user;

import jakarta.json.spi.JsonProvider;

/** The JSON-P provider, looked up once ({@code Json.createObjectBuilder()} looks it up on every call). */
final class Jsons {
    static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }
}
