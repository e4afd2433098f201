package io.keyward.ops;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date at start, before anything else touches the database. Flyway commits
 * itself, hence bean-managed transactions; on PostgreSQL it takes a lock, so several nodes starting
 * together migrate once.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        String vendor = vendor();
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                // Shared migrations, plus database-specific ones (e.g. PostgreSQL trigram indexes)
                // in db/vendor/postgresql or db/vendor/h2, numbered in the same sequence. (Flyway itself
                // does not expand a "{vendor}" placeholder -- that is a Spring Boot feature.)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                // A WAR whose migrations Flyway cannot see must fail, not start on an empty schema.
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info("database schema (" + vendor + ") at version " + flyway.info().current().getVersion()
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /** The folder name of the database kind: postgresql or h2. */
    private String vendor() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("unsupported database: " + product);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
