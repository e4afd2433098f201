package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

/** limit/page of List requests (CONVENTIONS.md): 0 = configured default, above 1000 refused, page 0 = 1. */
class PagingTest {
    @Test
    void zeroLimitMeansTheDefaultNeverEverything() {
        assertEquals(new Paging(100, 1), Paging.of(0, 0, 100));
        assertEquals(new Paging(25, 1), Paging.of(0, 0, 25));
    }

    @Test
    void pageZeroIsPageOne() {
        assertEquals(1, Paging.of(10, 0, 100).page());
        assertEquals(1, Paging.of(10, 1, 100).page());
        assertEquals(0, Paging.of(10, 0, 100).offset());
    }

    @Test
    void offsetSkipsTheEarlierPages() {
        assertEquals(20, Paging.of(10, 3, 100).offset());
        assertEquals(2000, Paging.of(1000, 3, 100).offset());
    }

    @Test
    void limitUpTo1000IsKept() {
        assertEquals(1000, Paging.of(1000, 1, 100).limit());
        assertEquals(1, Paging.of(1, 1, 100).limit());
    }

    @Test
    void limitAbove1000IsAValidationError() {
        for (long limit : new long[] {1001, 4294967295L}) {
            KeywardException e = assertThrows(KeywardException.class, () -> Paging.of(limit, 1, 100));
            assertTrue(e.is(Errors.VALIDATION));
            assertEquals("limit", e.attributes().get("field"));
            assertEquals("value must be less than or equal to 1000", e.attributes().get("reason"));
        }
    }

    @Test
    void hugePagesDoNotOverflow() {
        Paging p = Paging.of(1000, 4294967295L, 100);
        assertEquals(Integer.MAX_VALUE, p.page());
        assertEquals((long) (Integer.MAX_VALUE - 1) * 1000, p.offset());
    }

    @Test
    void readsLimitAndPageFromTheQuery() {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("limit", "5");
        params.add("page", "2");
        assertEquals(new Paging(5, 2), Paging.fromQuery(new Query(params), 100));
        assertEquals(new Paging(100, 1), Paging.fromQuery(new Query(new MultivaluedHashMap<>()), 100));
        params.putSingle("limit", "-1");
        assertThrows(WireFormatException.class, () -> Paging.fromQuery(new Query(params), 100));
    }
}
