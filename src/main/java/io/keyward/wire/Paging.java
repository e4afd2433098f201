package io.keyward.wire;

import io.keyward.error.Validation;

/**
 * {@code limit} and {@code page} of a list request. {@code limit} 0 means the configured default
 * (never "everything"); above 1000 is a validation error; page 0 is page 1.
 */
public record Paging(int limit, int page) {
    public static final int MAX_LIMIT = 1000;

    public static Paging of(long limit, long page, int defaultLimit) {
        if (limit > MAX_LIMIT) {
            throw Validation.invalid("limit", "value must be less than or equal to " + MAX_LIMIT);
        }
        int effectiveLimit = limit == 0 ? defaultLimit : (int) limit;
        int effectivePage = page == 0 ? 1 : (int) Math.min(page, Integer.MAX_VALUE);
        return new Paging(effectiveLimit, effectivePage);
    }

    public static Paging fromQuery(Query query, int defaultLimit) {
        return of(query.uint32("limit"), query.uint32("page"), defaultLimit);
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
