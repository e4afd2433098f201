package io.keyward.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did (or, with --dry-run, would do): per kind of row how many were imported, skipped and
 * refused, why rows were skipped, and every refusal with its reason.
 */
public final class ImportReport {
    /** The kinds of rows counted, in report order. */
    public enum Kind {
        USERS("users"),
        ATTRIBUTES("user attributes"),
        API_KEYS("API keys"),
        NOTIFICATIONS("notifications"),
        RECEIPTS("notification receipts"),
        INVITATIONS("invitations");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** A refused row: which (user ID or invitation address) and why. */
    public record Refusal(Kind kind, String key, String reason) {
    }

    private final boolean dryRun;
    private final Map<Kind, long[]> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<String, Long>> skipReasons = new EnumMap<>(Kind.class);
    private final List<Refusal> refusals = new ArrayList<>();
    private Duration elapsed = Duration.ZERO;

    ImportReport(boolean dryRun) {
        this.dryRun = dryRun;
        for (Kind k : Kind.values()) {
            counts.put(k, new long[3]);
            skipReasons.put(k, new TreeMap<>());
        }
    }

    void imported(Kind kind, long n) {
        counts.get(kind)[0] += n;
    }

    void skipped(Kind kind, long n, String reason) {
        if (n > 0) {
            counts.get(kind)[1] += n;
            skipReasons.get(kind).merge(reason, n, Long::sum);
        }
    }

    void refused(Kind kind, long n) {
        counts.get(kind)[2] += n;
    }

    void refusal(Kind kind, String key, String reason) {
        refused(kind, 1);
        refusals.add(new Refusal(kind, key, reason));
    }

    void elapsed(Duration d) {
        elapsed = d;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public long imported(Kind kind) {
        return counts.get(kind)[0];
    }

    public long skipped(Kind kind) {
        return counts.get(kind)[1];
    }

    public long refused(Kind kind) {
        return counts.get(kind)[2];
    }

    /** Rows written (or, in a dry run, that would be): 0 when nothing changed. */
    public long changes() {
        return counts.values().stream().mapToLong(c -> c[0]).sum();
    }

    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** The report as printed at the end of the command. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(dryRun ? "import-tts --dry-run: nothing written; this is what an import would do\n"
                : "import-tts: done\n");
        out.append(String.format("%-24s %12s %12s %12s%n", "", dryRun ? "would import" : "imported", "skipped", "refused"));
        for (Kind k : Kind.values()) {
            long[] c = counts.get(k);
            out.append(String.format("%-24s %12d %12d %12d%n", k.label, c[0], c[1], c[2]));
        }
        for (Kind k : Kind.values()) {
            skipReasons.get(k).forEach((reason, n) ->
                    out.append("skipped ").append(k.label).append(": ").append(n).append(" ").append(reason).append('\n'));
        }
        if (!refusals.isEmpty()) {
            out.append("refused (nothing of these was written; a refused user's rows are counted as refused too):\n");
            for (Refusal r : refusals) {
                out.append("  ").append(r.kind() == Kind.USERS ? "user " : "invitation ").append(r.key())
                        .append(": ").append(r.reason()).append('\n');
            }
        }
        long users = imported(Kind.USERS) + skipped(Kind.USERS) + refused(Kind.USERS);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out.append(String.format("%d users read in %.1f s (%.0f users/s)%n", users, seconds, users / seconds));
        return out.toString();
    }
}
