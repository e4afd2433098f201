package io.keyward.audit;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.wire.JsonP;
import io.keyward.wire.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Bounds what a flood of refused attempts writes. Refusals cost an attacker nothing once they are throttled
 * (a 429 hashes no password) and the SCIM token check has no throttle at all, so one row per refusal would
 * let anonymous callers grow the table without limit. Within {@code is.audit.refusal-window} only the first
 * refusal of a kind — same action, outcome, target, actor, client address and details — is written; the
 * others are counted, and when the window closes one record carries their number ({@code repeated}, with
 * {@code repeated_from} and {@code repeated_until}). At most {@value #MAX_OPEN} kinds are open at once per
 * node; past that (many made-up user IDs or addresses) refusals are counted per action, outcome and actor
 * kind only. So a node writes at most about two rows per kind and window, whatever the flood. Per node and
 * in memory: a restart loses the counts of open windows, never a first refusal.
 */
@ApplicationScoped
public class AuditRefusals {
    static final int MAX_OPEN = 1000;

    @Inject
    KeywardConfig config;

    private final Map<String, Repeats> open = new ConcurrentHashMap<>();
    private final Map<String, Repeats> overflow = new ConcurrentHashMap<>();
    /** Counts of windows that closed when a new refusal of their kind arrived; written by the next {@link #due}. */
    private final ConcurrentLinkedQueue<Repeats> closed = new ConcurrentLinkedQueue<>();

    /** The first refusal of a window and the repeats counted since. Guarded by the map's per-key lock. */
    private static final class Repeats {
        final AuditEntity first;
        final long start;
        int count;
        Instant from;
        Instant until;

        Repeats(AuditEntity first, long start) {
            this.first = first;
            this.start = start;
        }

        void count(Instant at) {
            if (count++ == 0) {
                from = at;
            }
            until = at;
        }
    }

    /** Whether {@code e} is to be written now; otherwise it was counted. */
    boolean admit(AuditEntity e) {
        return admit(e, System.currentTimeMillis(), window());
    }

    boolean admit(AuditEntity e, long now, long window) {
        if (window <= 0) {
            return true;
        }
        boolean[] first = {false};
        open.compute(key(e), (k, r) -> {
            if (r != null && now < r.start + window) {
                r.count(e.occurredAt);
                return r;
            }
            if (r != null && r.count > 0) {
                closed.add(r);
            }
            if (r == null && open.size() >= MAX_OPEN) {
                // Counted inside compute, under the overflow entry's lock: concurrent floods lose no count.
                overflow.compute(e.action + '|' + e.outcome + '|' + e.actorKind, (o, x) -> {
                    Repeats counted = x != null ? x : new Repeats(anonymised(e), now);
                    counted.count(e.occurredAt);
                    return counted;
                });
                return null;
            }
            first[0] = true;
            return new Repeats(e, now);
        });
        return first[0];
    }

    /** The records of the counts whose window has closed by {@code now}, and of the overflow; forgets them. */
    List<AuditEntity> due(long now, long window) {
        List<AuditEntity> out = new ArrayList<>();
        for (Map.Entry<String, Repeats> entry : open.entrySet()) {
            Repeats r = entry.getValue();
            if (now >= r.start + window && open.remove(entry.getKey(), r) && r.count > 0) {
                closed.add(r);
            }
        }
        for (Repeats r; (r = closed.poll()) != null; ) {
            out.add(summary(r));
        }
        for (String k : List.copyOf(overflow.keySet())) {
            Repeats r = overflow.remove(k);
            if (r != null && r.count > 0) {
                out.add(summary(r));
            }
        }
        return out;
    }

    long window() {
        return config.duration(Option.AUDIT_REFUSAL_WINDOW).toMillis();
    }

    private static String key(AuditEntity e) {
        return String.join("\u0000", e.action, e.outcome, Objects.toString(e.targetType), Objects.toString(e.targetId),
                e.actorKind, Objects.toString(e.actorCredential), Objects.toString(e.clientAddress),
                Objects.toString(e.details));
    }

    /** What refusals of many kinds have in common: no target, actor, address or details. */
    private static AuditEntity anonymised(AuditEntity e) {
        AuditEntity a = new AuditEntity();
        a.action = e.action;
        a.outcome = e.outcome;
        a.actorKind = e.actorKind;
        return a;
    }

    /** One record standing for the counted repeats of {@code r.first}. */
    private static AuditEntity summary(Repeats r) {
        AuditEntity f = r.first;
        AuditEntity s = new AuditEntity();
        s.occurredAt = r.until;
        s.action = f.action;
        s.outcome = f.outcome;
        s.actorKind = f.actorKind;
        s.actorUserId = f.actorUserId;
        s.actorCredential = f.actorCredential;
        s.clientAddress = f.clientAddress;
        s.targetType = f.targetType;
        s.targetId = f.targetId;
        JsonObjectBuilder d;
        if (f.details == null) {
            d = JsonP.object();
        } else {
            try (var reader = JsonP.reader(new StringReader(f.details))) {
                d = JsonP.object(reader.readObject());
            }
        }
        JsonObject details = d.add("repeated", r.count).add("repeated_from", Timestamps.format(r.from))
                .add("repeated_until", Timestamps.format(r.until)).build();
        s.details = details.toString();
        return s;
    }
}
