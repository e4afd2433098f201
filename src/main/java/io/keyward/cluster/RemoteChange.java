package io.keyward.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
    /** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
    static final int MAX_PAYLOAD = 7900;

    /**
     * Notice payloads announcing that these users' descriptive fields changed through node {@code node}:
     * {@code d:<node> <user_id> <user_id>...}, each within PostgreSQL's 8000-byte limit (a user ID has no
     * space). One notice for many users costs the database and every listener far less than one each.
     */
    static List<String> descriptivePayloads(String node, Collection<String> userIds) {
        List<String> payloads = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (String id : userIds) {
            if (b.length() > 0 && b.length() + 1 + id.length() > MAX_PAYLOAD) {
                payloads.add(b.toString());
                b.setLength(0);
            }
            if (b.length() == 0) {
                b.append("d:").append(node);
            }
            b.append(' ').append(id);
        }
        if (b.length() > 0) {
            payloads.add(b.toString());
        }
        return payloads;
    }

    /**
     * The changes a notice payload names, or ALL if it is not understood. Descriptive changes announced by
     * {@code self} are left out: that node dropped its own copies when it committed them.
     */
    public static List<RemoteChange> parseAll(String payload, String self) {
        if (payload != null && payload.startsWith("d:")) {
            String[] parts = payload.substring(2).split(" ");
            if (parts.length < 2 || parts[0].isEmpty()) {
                return List.of(ALL);
            }
            if (parts[0].equals(self)) {
                return List.of();
            }
            List<RemoteChange> changes = new ArrayList<>(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].isEmpty()) {
                    changes.add(new RemoteChange(Kind.USER, parts[i]));
                }
            }
            return changes;
        }
        return List.of(parse(payload));
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
