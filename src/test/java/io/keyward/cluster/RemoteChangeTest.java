package io.keyward.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.cluster.RemoteChange.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteChangeTest {
    @Test
    void triggerPayloadsNameOneUserOrCredential() {
        assertEquals(List.of(new RemoteChange(Kind.USER, "alice")), RemoteChange.parseAll("u:alice", "n1"));
        assertEquals(List.of(new RemoteChange(Kind.CREDENTIAL, "KEYID")), RemoteChange.parseAll("c:KEYID", "n1"));
    }

    @Test
    void unknownPayloadsDropEverything() {
        for (String payload : new String[] {null, "", "x", "z:abc", "d:", "d:n2", "d: alice"}) {
            assertEquals(List.of(RemoteChange.ALL), RemoteChange.parseAll(payload, "n1"), String.valueOf(payload));
        }
    }

    @Test
    void descriptiveChangesOfAnotherNodeNameEachUser() {
        List<String> payloads = RemoteChange.descriptivePayloads("n2", List.of("alice", "bob-2"));
        assertEquals(List.of("d:n2 alice bob-2"), payloads);
        assertEquals(List.of(new RemoteChange(Kind.USER, "alice"), new RemoteChange(Kind.USER, "bob-2")),
                RemoteChange.parseAll(payloads.get(0), "n1"));
    }

    @Test
    void aNodeSkipsItsOwnDescriptiveChanges() {
        assertEquals(List.of(), RemoteChange.parseAll("d:n1 alice bob", "n1"));
    }

    @Test
    void manyUsersAreSplitIntoPayloadsPostgreSqlAccepts() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add("user-with-a-long-identifier-" + String.format("%08d", i));
        }
        List<String> payloads = RemoteChange.descriptivePayloads("n2", ids);
        assertTrue(payloads.size() > 1, "split: " + payloads.size());
        List<String> named = new ArrayList<>();
        for (String p : payloads) {
            assertTrue(p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 8000, "under PostgreSQL's limit: " + p.length());
            RemoteChange.parseAll(p, "n1").forEach(c -> named.add(c.id()));
        }
        assertEquals(ids, named);
    }
}
