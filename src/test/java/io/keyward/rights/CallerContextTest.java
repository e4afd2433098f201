package io.keyward.rights;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How admin-only methods see a credential that failed (issue 12 §8): invalid is swallowed, unchecked is not. */
class CallerContextTest {

    @Test
    void anInvalidCredentialIsAnonymousForAdminOnlyMethods() {
        CallerContext context = contextWith(Errors.API_KEY_NOT_FOUND_AUTH.error());
        assertFalse(context.isAdmin());
    }

    @Test
    void aCredentialThatCouldNotBeCheckedIsAnOutageNotADenial() {
        KeywardException down = Errors.DATABASE_UNAVAILABLE.error();
        CallerContext context = contextWith(down);
        assertSame(down, assertThrows(KeywardException.class, context::isAdmin));
        assertSame(down, assertThrows(KeywardException.class, context::requireValidCredential));
    }

    @Test
    void noCredentialIsAnonymous() {
        assertFalse(contextWith(null).isAdmin());
    }

    /** A request carrying only the attributes the authentication mechanism sets (no servlet container needed). */
    private static CallerContext contextWith(KeywardException credentialError) {
        Map<String, Object> attributes = new HashMap<>();
        if (credentialError != null) {
            attributes.put(CallerContext.CREDENTIAL_ERROR_ATTRIBUTE, credentialError);
        }
        CallerContext context = new CallerContext();
        context.request = (HttpServletRequest) Proxy.newProxyInstance(CallerContextTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getAttribute")) {
                        return attributes.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return context;
    }
}
