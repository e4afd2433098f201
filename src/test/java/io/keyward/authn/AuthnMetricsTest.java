package io.keyward.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.authn.AuthnMetrics.Kind;
import org.junit.jupiter.api.Test;

class AuthnMetricsTest {
    @Test
    void aCredentialsKindIsToldByItsForm() {
        assertEquals(Kind.API_KEY, Kind.of("NNSXS.ABC.DEF"));
        assertEquals(Kind.TOKEN, Kind.of("MFRWG.ABC.DEF"));
        assertEquals(Kind.SSO, Kind.of("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
        assertEquals(Kind.OTHER, Kind.of("eyJhbGciOiJSUzI1NiJ9.only-two-parts"));
        assertEquals(Kind.OTHER, Kind.of("OJSWM.refresh.token"));
        assertEquals(Kind.OTHER, Kind.of(""));
    }

    @Test
    void aRefusedTokenRequestIsLabelledByWhatWentWrong() {
        assertEquals("throttled", AuthnMetrics.outcome(OAuthException.throttled(30)));
        assertEquals("unavailable", AuthnMetrics.outcome(OAuthException.unavailable()));
        assertEquals("bad_credentials", AuthnMetrics.outcome(OAuthException.invalidGrant("invalid username or password")));
        assertEquals("invalid_request", AuthnMetrics.outcome(OAuthException.invalidRequest("grant_type is required")));
    }
}
