package io.keyward.wire;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and the size of the whole list: every List method answers with the page's items under
 * one field and the total in {@code X-Total-Count} (API.md §1.4). Stores return pages of entities, registries
 * map them to wire JSON, resources answer with {@link #answer}.
 */
public record Page<T>(List<T> items, long total) {
    public static final String TOTAL_HEADER = "X-Total-Count";

    public static <T> Page<T> empty(long total) {
        return new Page<>(List.of(), total);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total);
    }

    /** The HTTP answer of a List method: {@code {"<field>": [...]}} (no field when the page is empty) and the total. */
    public static Response answer(String field, Page<JsonObject> page) {
        return Response.ok(JsonOut.object().messages(field, page.items()).build())
                .header(TOTAL_HEADER, page.total()).build();
    }
}
