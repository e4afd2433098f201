package io.keyward.ops;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        String vendor = vendor();
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource("postgresql".equals(vendor) ? withoutStatementTimeout(dataSource) : dataSource)
                // Shared migrations, plus database-specific ones (e.g. PostgreSQL trigram indexes)
                // in db/vendor/postgresql or db/vendor/h2, numbered in the same sequence.
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                // A WAR whose migrations Flyway cannot see must fail, not start on an empty schema.
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info("database schema at version " + flyway.info().current().getVersion()
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /**
     * The pool's PostgreSQL sessions carry is.db.statement-timeout, but a migration (an index on a table of
     * millions of users) may rightly take minutes. Flyway gets connections with the timeout lifted, and
     * each is reset to the session default before it goes back to the pool.
     */
    static DataSource withoutStatementTimeout(DataSource pool) {
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = invoke(pool, method, args);
            if (!(result instanceof Connection c)) {
                return result;
            }
            run(c, "SET statement_timeout = 0");
            return proxy(Connection.class, (cs, cm, cargs) -> {
                if (cm.getName().equals("close") && !c.isClosed()) {
                    try {
                        run(c, "RESET statement_timeout");
                    } catch (SQLException e) {
                        // Only a failed migration leaves an aborted transaction here: Flyway's own error
                        // stops the start anyway.
                        LOG.warning("could not reset the statement timeout: " + e.getSQLState());
                    }
                }
                return invoke(c, cm, cargs);
            });
        });
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(Migrations.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
