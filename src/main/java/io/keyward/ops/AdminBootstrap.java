package io.keyward.ops;

import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.PasswordHasher;
import io.keyward.user.UserEntity;
import io.keyward.wire.Timestamps;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the configured admin at start if it does not exist. Idempotent; with several nodes
 * starting at once, the unique user ID makes all but one insert fail, and those nodes carry on.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    static final short STATE_APPROVED = 1;

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

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
            boolean exists = !em.createNamedQuery("User.byUserId", UserEntity.class)
                    .setParameter("userId", userId).getResultList().isEmpty();
            if (exists) {
                tx.rollback();
                return;
            }
            Instant now = Timestamps.now();
            UserEntity admin = new UserEntity();
            admin.setUserId(userId);
            admin.setCreatedAt(now);
            admin.setUpdatedAt(now);
            admin.setName("Administrator");
            admin.setPrimaryEmailAddress(config.string(Option.ADMIN_EMAIL));
            admin.setPrimaryEmailAddressValidatedAt(now);
            admin.setPasswordHash(PasswordHasher.hash(password));
            admin.setPasswordUpdatedAt(now);
            admin.setState(STATE_APPROVED);
            admin.setAdmin(true);
            em.persist(admin);
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
