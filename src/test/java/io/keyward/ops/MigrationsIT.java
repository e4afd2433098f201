package io.keyward.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** In the container: the migrations ran on this database and the bootstrap admin exists. */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class MigrationsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.keyward("migrations-it");
    }

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Test
    void schemaIsMigratedAndAdminBootstrapped() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE")) {
                r.next();
                assertTrue(r.getInt(1) >= 1, "at least one migration applied");
            }
            try (ResultSet r = s.executeQuery("SELECT admin, state, password_hash FROM users WHERE user_id = 'admin'")) {
                assertTrue(r.next(), "bootstrap admin exists");
                assertTrue(r.getBoolean(1));
                assertEquals(1, r.getInt(2));
                assertTrue(r.getString(3).startsWith("ARGON2ID$"), "password stored hashed");
            }
        }
    }
}
