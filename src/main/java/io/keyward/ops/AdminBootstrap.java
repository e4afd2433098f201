package io.keyward.ops;

import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.user.UserCreation;
import io.keyward.user.UserCreation.TrustedUser;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the configured admin at start if it does not exist, through the one creation path
 * ({@link UserCreation}); its ID is the operator's choice, so the registration blocklist does not apply. Idempotent; with several nodes
 * starting at once, the unique user ID makes all but one insert fail, and those nodes carry on.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    UserCreation creation;

    @Resource
    UserTransaction tx;

    @Inject
    KeywardConfig config;

    @PostConstruct
    void bootstrap() {
        String userId = config.string(Option.ADMIN_USER_ID);
        String password = config.string(Option.ADMIN_PASSWORD);
        if (password.isEmpty()) {
            LOG.info("no bootstrap admin configured (set IS_ADMIN_PASSWORD to create one)");
            return;
        }
        try {
            tx.begin();
            if (creation.exists(userId)) {
                tx.rollback();
                return;
            }
            creation.createTrusted(new TrustedUser(userId, "Administrator", config.string(Option.ADMIN_EMAIL),
                    true, password, true, false));
            tx.commit();
            LOG.info("created bootstrap admin user " + userId);
        } catch (Exception e) {
            try {
                tx.rollback();
            } catch (Exception ignored) {
                // Already rolled back by the failed commit.
            }
            // Most likely another node created it first; anything else shows in the log.
            LOG.log(Level.INFO, "bootstrap admin not created (" + e.getClass().getSimpleName() + "); it probably exists already");
        }
    }
}
