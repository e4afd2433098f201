package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One page of a list and the total (API.md §1.4): the items under one field, the total in X-Total-Count. */
class PageTest {
    @BeforeAll
    static void installJaxRsStub() {
        RuntimeDelegate.setInstance(new RecordingRuntimeDelegate());
    }

    @AfterAll
    static void removeJaxRsStub() {
        RuntimeDelegate.setInstance(null);
    }

    private static JsonObject user(String id) {
        return JsonOut.object().message("ids", JsonOut.object().string("user_id", id)).build();
    }

    @Test
    void mapKeepsTheTotalAndTheOrder() {
        Page<String> ids = new Page<>(List.of("b", "a"), 42);
        Page<JsonObject> users = ids.map(PageTest::user);
        assertEquals(42, users.total());
        assertEquals(List.of(user("b"), user("a")), users.items());
    }

    @Test
    void emptyPageStillKnowsTheTotal() {
        Page<JsonObject> p = Page.<String>empty(7).map(PageTest::user);
        assertTrue(p.items().isEmpty());
        assertEquals(7, p.total());
    }

    @Test
    void answerWritesTheItemsUnderTheFieldAndTheTotalHeader() {
        Response r = Page.answer("users", new Page<>(List.of(user("alice"), user("bob")), 12));
        assertEquals(200, r.getStatus());
        assertEquals("{\"users\":[{\"ids\":{\"user_id\":\"alice\"}},{\"ids\":{\"user_id\":\"bob\"}}]}",
                r.getEntity().toString());
        assertEquals("12", r.getHeaderString(Page.TOTAL_HEADER));
        assertEquals("X-Total-Count", Page.TOTAL_HEADER);
    }

    @Test
    void anEmptyPageIsAnEmptyObjectWithItsTotal() {
        // JSON.md §3: an empty repeated field is a zero value and is left out, even in a list answer.
        Response r = Page.answer("api_keys", Page.empty(3));
        assertEquals("{}", r.getEntity().toString());
        assertEquals("3", r.getHeaderString(Page.TOTAL_HEADER));
        assertEquals("0", Page.answer("api_keys", Page.empty(0)).getHeaderString(Page.TOTAL_HEADER));
    }
}
