package io.keyward.user;

import static io.keyward.user.UserTestSupport.admin;
import static io.keyward.user.UserTestSupport.createRequest;
import static io.keyward.user.UserTestSupport.uniqueId;
import static io.keyward.user.UserTestSupport.updateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.CallerContext;
import io.keyward.wire.FieldMask;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-node user copies behind Get: this node's writes show at once, a write of another node
 * (here: straight SQL, which this node cannot see) shows once the copy is older than the TTL.
 */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class UserReadCacheIT {
    private static final FieldMask NAME = FieldMask.of(List.of("name"));

    @Deployment
    static WebArchive deployment() {
        return UserTestSupport.deployment("user-read-cache-it");
    }

    @Inject
    UserRegistry registry;

    @Inject
    CallerContext context;

    @Resource(lookup = "jdbc/keyward")
    DataSource db;

    private String created() {
        String id = uniqueId("cache");
        context.actAs(admin());
        registry.create(createRequest(id, id + "@example.com", "\"name\": \"First\""));
        return id;
    }

    private String name(String id) {
        return registry.read(id, NAME).orThrow().getString("name", "");
    }

    private void renameBehindTheNodesBack(String id, String name) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE users SET name = ? WHERE user_id = ?")) {
            s.setString(1, name);
            s.setString(2, id);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void thisNodesWritesShowAtOnce() {
        String id = created();
        assertEquals("First", name(id));
        for (String next : List.of("Second", "Third")) {
            registry.update(updateRequest(id, "{\"name\": \"" + next + "\"}", "name"));
            assertEquals(next, name(id), "a Get right after this node's Update");
        }
        registry.delete(id);
        KeywardException gone = assertThrows(KeywardException.class, () -> name(id));
        assertEquals(Errors.USER_NOT_FOUND, gone.definition(), "a Get right after this node's Delete");
    }

    @Test
    void anotherNodesWritesShowWithinTheTtl() throws Exception {
        try (AutoCloseable ttl = TestConfig.set("is.user.cache-ttl", "3s")) {
            String id = created();
            assertEquals("First", name(id));
            renameBehindTheNodesBack(id, "Elsewhere");
            assertEquals("First", name(id), "within the TTL this node answers from its copy");
            long deadline = System.nanoTime() + 6_000_000_000L;
            String seen = name(id);
            while (!seen.equals("Elsewhere") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                seen = name(id);
            }
            assertEquals("Elsewhere", seen, "after the TTL the other node's write shows");
        }
    }

    @Test
    void aZeroTtlReadsTheDatabaseEveryTime() throws Exception {
        try (AutoCloseable ttl = TestConfig.set("is.user.cache-ttl", "0")) {
            String id = created();
            assertEquals("First", name(id));
            renameBehindTheNodesBack(id, "Elsewhere");
            assertEquals("Elsewhere", name(id));
        }
    }
}
