package io.keyward.user;

import io.keyward.entity.State;
import io.keyward.wire.Paging;
import java.util.List;
import java.util.Map;

/**
 * What a list or search of users asks for: filters (all optional, ANDed), order, page. List uses only
 * {@code deleted}, order and page; SearchUsers all of it. One query builder serves both
 * ({@link UserStore#search}).
 *
 * @param query               user ID, name or description contains it
 * @param idContains          user ID contains it
 * @param nameContains        name contains it
 * @param descriptionContains description contains it
 * @param attributesContain   for each pair, an attribute with that key whose value contains the value
 * @param states              state is one of these (empty: any)
 * @param deleted             only soft-deleted users (else only active ones)
 * @param order               one of {@link UserValidation#USER_ORDERS}
 * @param paging              limit and page
 */
record UserQuery(String query, String idContains, String nameContains, String descriptionContains,
                 Map<String, String> attributesContain, List<State> states, boolean deleted, String order,
                 Paging paging) {

    static UserQuery list(boolean deleted, String order, Paging paging) {
        return new UserQuery("", "", "", "", Map.of(), List.of(), deleted, order, paging);
    }

    /** Some substring term (query, *_contains, attributes_contain): matched through the trigram indexes. */
    boolean matchesSubstrings() {
        return !query.isEmpty() || !idContains.isEmpty() || !nameContains.isEmpty() || !descriptionContains.isEmpty()
                || !attributesContain.isEmpty();
    }

    /** No filter but the deleted flag: the total can come from a maintained counter. */
    boolean unfiltered() {
        return query.isEmpty() && idContains.isEmpty() && nameContains.isEmpty() && descriptionContains.isEmpty()
                && attributesContain.isEmpty() && states.isEmpty();
    }
}
