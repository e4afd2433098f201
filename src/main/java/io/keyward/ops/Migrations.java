package io.keyward.ops;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
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

    /** The folder name of this database's own migrations: postgresql or h2. */
    private String vendor() {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException("database unreachable at start", e);
        }
    }

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                // Shared migrations, plus database-specific ones (e.g. PostgreSQL trigram indexes)
                // in db/vendor/postgresql or db/vendor/h2, numbered in the same sequence.
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor())
                // A WAR whose migrations Flyway cannot see must fail, not start on an empty schema.
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info("database schema at version " + flyway.info().current().getVersion()
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
