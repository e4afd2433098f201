package io.keyward.it;

import io.keyward.it.Api.Reply;
import java.util.List;

/** Requests with an arbitrary Authorization header (cluster keys), answered as {@link Reply}. */
final class NotificationHttp {
    /** The test server's cluster keys: {@code keyward.cluster.keys}, comma-separated. */
    static final List<String> CLUSTER_KEYS = List.of(System.getProperty("keyward.cluster.keys",
            "00112233445566778899aabbccddeeff,keyward-test-peer").split(","));

    private NotificationHttp() {
    }

    static Reply send(String method, String path, String body, String authorization) {
        return Api.sendAuthorized(method, path, body, authorization);
    }

    static Reply createAsPeer(String body) {
        return send("POST", "/api/v3/notifications", body, "ClusterKey " + CLUSTER_KEYS.get(0));
    }
}
