package io.keyward.cluster;

/**
 * A change committed by any node (this one included), announced by the database: the per-node copies
 * of what it names must go. Observed synchronously on the {@link ChangeFeed}'s thread; observers only
 * drop copies, never touch the database.
 *
 * @param kind what changed
 * @param id   the user ID ({@link Kind#USER}) or the API key or token ID ({@link Kind#CREDENTIAL});
 *             empty for {@link Kind#EVERYTHING}
 */
public record RemoteChange(Kind kind, String id) {
    public enum Kind {
        /** A user's row changed or went: its copy and its cached credentials are stale. */
        USER,
        /** An API key or OAuth token changed or went. */
        CREDENTIAL,
        /** Changes may have been missed (the feed was down): every copy is stale. */
        EVERYTHING
    }

    public static final RemoteChange ALL = new RemoteChange(Kind.EVERYTHING, "");

    /** The notice payload naming a user, as the database's triggers write it (V9). */
    static String userPayload(String userId) {
        return "u:" + userId;
    }

    /** The change a notification payload names ({@code u:<user_id>}, {@code c:<id>}), or ALL if unknown. */
    public static RemoteChange parse(String payload) {
        if (payload != null && payload.length() > 2 && payload.charAt(1) == ':') {
            String id = payload.substring(2);
            switch (payload.charAt(0)) {
                case 'u':
                    return new RemoteChange(Kind.USER, id);
                case 'c':
                    return new RemoteChange(Kind.CREDENTIAL, id);
                default:
                    break;
            }
        }
        // A payload this version does not know (a newer node?): dropping everything is always safe.
        return ALL;
    }
}
