package io.keyward.user;

import static io.keyward.user.UserTestSupport.createRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.ErrorDefinition;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the black-box servers cannot show of login tokens (issue 18 §2): the default (disabled) and
 * expiry, with the settings changed here for this test archive only.
 */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class LoginTokensIT {

    @Deployment
    static WebArchive deployment() {
        return UserTestSupport.deployment("login-tokens-it");
    }

    @Inject
    LoginTokens loginTokens;

    @Inject
    UserRegistry registry;

    @Inject
    CallerContext context;

    @Inject
    UserTransaction tx;

    private String user() {
        String id = UserTestSupport.uniqueId("lt");
        context.actAs(Caller.ANONYMOUS);
        registry.create(createRequest(id, id + "@example.com", ""));
        return id;
    }

    private static void fails(ErrorDefinition expected, Callable<?> call) {
        KeywardException e = assertThrows(KeywardException.class, call::call);
        assertEquals(expected, e.definition(), e.getMessage());
    }

    private long redeem(String token) throws Exception {
        tx.begin();
        try {
            long pk = loginTokens.redeem(token);
            tx.commit();
            return pk;
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    @Test
    void disabledUnlessConfigured() throws Exception {
        String id = user();
        try (AutoCloseable off = TestConfig.set("is.login-tokens.enabled", "false")) {
            fails(Errors.LOGIN_TOKENS_DISABLED, () -> loginTokens.create(id, false));
        }
    }

    @Test
    void anExpiredTokenSignsNoOneIn() throws Exception {
        String id = user();
        String token;
        try (AutoCloseable on = TestConfig.set("is.login-tokens.enabled", "true");
             AutoCloseable ttl = TestConfig.set("is.login-tokens.token-ttl", "1ms")) {
            context.actAs(UserTestSupport.admin());
            token = loginTokens.create(id, true).orElseThrow();
        }
        Thread.sleep(20);
        fails(Errors.LOGIN_TOKEN_EXPIRED, () -> redeem(token));
        fails(Errors.LOGIN_TOKEN_NOT_FOUND, () -> redeem(token.substring(1) + "A"));
    }

    @Test
    void aTokenIsSpentOnce() throws Exception {
        String id = user();
        String token;
        try (AutoCloseable on = TestConfig.set("is.login-tokens.enabled", "true")) {
            context.actAs(UserTestSupport.admin());
            token = loginTokens.create(id, true).orElseThrow();
        }
        assertTrue(redeem(token) > 0);
        fails(Errors.LOGIN_TOKEN_ALREADY_USED, () -> redeem(token));
    }
}
