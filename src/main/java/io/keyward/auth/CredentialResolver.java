package io.keyward.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bearer value → {@link Caller}, through the verifier. (The short-lived cache of verified credentials
 * sits here.)
 */
@ApplicationScoped
public class CredentialResolver {
    @Inject
    CredentialVerifier verifier;

    public Caller resolve(String token) {
        return verifier.verify(token).caller();
    }
}
