package io.keyward.migration;

import io.keyward.migration.ImportReport.Kind;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The import of a TTS identity server's users into Keyward: chunk by chunk in user-ID order, each chunk
 * mapped ({@link TtsMapping}), checked against what Keyward already has, and written in one transaction with
 * every row of its users. If a chunk's transaction fails (say, someone registered one of its IDs meanwhile),
 * its users are written one transaction each, so one bad user costs only itself. Natural keys make it
 * idempotent: a user ID already in Keyward is skipped with all its rows, so a second run changes nothing.
 */
public final class TtsImport {
    static final String ALREADY_PRESENT = "already in Keyward";

    /** Where to read, where to write, and how. */
    public record Options(String sourceUrl, String sourceUser, String sourcePassword, String targetUrl,
                          String targetUser, String targetPassword, boolean dryRun, int batchSize, boolean migrate) {
    }

    private final Options options;
    private final ImportReport report;
    /** Active addresses (lower case) claimed by users of this run, so that two of them cannot share one. */
    private final Set<String> claimedEmails = new HashSet<>();
    /** Notifications counted in this run (several receivers share one). */
    private final Set<String> countedNotifications = new HashSet<>();

    private TtsImport(Options options) {
        this.options = options;
        this.report = new ImportReport(options.dryRun());
    }

    public static ImportReport run(Options options) throws SQLException {
        return new TtsImport(options).run();
    }

    private ImportReport run() throws SQLException {
        long started = System.nanoTime();
        if (options.migrate() && !options.dryRun()) {
            KeywardTarget.migrate(options.targetUrl(), options.targetUser(), options.targetPassword());
        }
        Properties target = credentials(options.targetUser(), options.targetPassword());
        // One multi-row INSERT per batch instead of one statement per row.
        target.setProperty("reWriteBatchedInserts", "true");
        try (TtsSource source = new TtsSource(DriverManager.getConnection(options.sourceUrl(),
                credentials(options.sourceUser(), options.sourcePassword())));
             KeywardTarget keyward = new KeywardTarget(DriverManager.getConnection(options.targetUrl(), target))) {
            String after = "";
            while (true) {
                List<TtsRows.UserWithRows> chunk = source.nextUsers(after, options.batchSize());
                if (chunk.isEmpty()) {
                    break;
                }
                importUsers(chunk, keyward);
                after = chunk.get(chunk.size() - 1).user().userId();
            }
            importInvitations(source.pendingInvitations(), keyward);
        }
        report.elapsed(Duration.ofNanos(System.nanoTime() - started));
        return report;
    }

    private void importUsers(List<TtsRows.UserWithRows> chunk, KeywardTarget keyward) throws SQLException {
        List<TtsMapping.UserWithRows> mapped = new ArrayList<>();
        for (TtsRows.UserWithRows src : chunk) {
            try {
                mapped.add(TtsMapping.map(src));
            } catch (TtsMapping.Refused e) {
                refuse(src, e.getMessage());
            }
        }
        Set<String> present = keyward.existingUserIds(mapped.stream().map(u -> u.user().userId()).toList());
        Set<String> takenKeys = keyward.existingApiKeyIds(
                mapped.stream().flatMap(u -> u.apiKeys().stream()).map(TtsMapping.ApiKey::keyId).toList());
        Map<String, String> emailOwners = keyward.activeEmailOwners(
                mapped.stream().map(u -> u.user().activeEmail()).filter(e -> e != null).toList());
        List<TtsMapping.UserWithRows> toWrite = new ArrayList<>();
        for (TtsMapping.UserWithRows u : mapped) {
            String userId = u.user().userId();
            String email = u.user().activeEmail();
            if (present.contains(userId)) {
                skip(u, ALREADY_PRESENT);
            } else if (email != null && emailOwners.containsKey(email)) {
                refuse(u, "primary_email_address is already used by Keyward user " + emailOwners.get(email));
            } else if (email != null && claimedEmails.contains(email)) {
                refuse(u, "primary_email_address is also the address of another imported user");
            } else if (u.apiKeys().stream().anyMatch(k -> takenKeys.contains(k.keyId()))) {
                refuse(u, "an API key ID of this user already belongs to another Keyward user");
            } else {
                if (email != null) {
                    claimedEmails.add(email);
                }
                toWrite.add(u);
            }
        }
        Set<String> existingNotes = keyward.existingNotificationIds(toWrite.stream()
                .flatMap(u -> u.receipts().stream()).map(r -> r.notification().id()).distinct().toList());
        if (options.dryRun() || toWrite.isEmpty()) {
            toWrite.forEach(u -> counted(u, existingNotes));
            return;
        }
        try {
            keyward.writeUsers(toWrite);
            keyward.commit();
            toWrite.forEach(u -> counted(u, existingNotes));
        } catch (SQLException chunkFailed) {
            keyward.rollback();
            for (TtsMapping.UserWithRows u : toWrite) {
                try {
                    keyward.writeUsers(List.of(u));
                    keyward.commit();
                    counted(u, existingNotes);
                } catch (SQLException e) {
                    keyward.rollback();
                    claimedEmails.remove(u.user().activeEmail());
                    refuse(u, "the database refused it: " + e.getMessage());
                }
            }
        }
    }

    private void counted(TtsMapping.UserWithRows u, Set<String> existingNotes) {
        report.imported(Kind.USERS, 1);
        report.imported(Kind.ATTRIBUTES, u.attributes().size());
        report.imported(Kind.API_KEYS, u.apiKeys().size());
        report.imported(Kind.RECEIPTS, u.receipts().size());
        for (TtsMapping.Receipt r : u.receipts()) {
            String id = r.notification().id();
            if (countedNotifications.add(id)) {
                if (existingNotes.contains(id)) {
                    report.skipped(Kind.NOTIFICATIONS, 1, ALREADY_PRESENT);
                } else {
                    report.imported(Kind.NOTIFICATIONS, 1);
                }
            }
        }
    }

    private void skip(TtsMapping.UserWithRows u, String reason) {
        report.skipped(Kind.USERS, 1, reason);
        report.skipped(Kind.ATTRIBUTES, u.attributes().size(), "of users " + reason);
        report.skipped(Kind.API_KEYS, u.apiKeys().size(), "of users " + reason);
        report.skipped(Kind.RECEIPTS, u.receipts().size(), "of users " + reason);
    }

    private void refuse(TtsMapping.UserWithRows u, String reason) {
        refuse(u.user().userId(), u.attributes().size(), u.apiKeys().size(), u.receipts().size(), reason);
    }

    private void refuse(TtsRows.UserWithRows u, String reason) {
        refuse(u.user().userId(), u.attributes().size(), u.apiKeys().size(), u.receipts().size(), reason);
    }

    private void refuse(String userId, int attributes, int keys, int receipts, String reason) {
        report.refusal(Kind.USERS, userId, reason);
        report.refused(Kind.ATTRIBUTES, attributes);
        report.refused(Kind.API_KEYS, keys);
        report.refused(Kind.RECEIPTS, receipts);
    }

    private void importInvitations(Map<String, TtsRows.Invitation> pending, KeywardTarget keyward) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        List<TtsMapping.Invitation> mapped = new ArrayList<>();
        for (TtsRows.Invitation i : pending.values()) {
            try {
                TtsMapping.Invitation m = TtsMapping.invitation(i, now);
                if (m == null) {
                    report.skipped(Kind.INVITATIONS, 1, "expired");
                } else {
                    mapped.add(m);
                }
            } catch (TtsMapping.Refused e) {
                report.refusal(Kind.INVITATIONS, i.email(), e.getMessage());
            }
        }
        Set<String> present = keyward.existingInvitations(mapped);
        List<TtsMapping.Invitation> toWrite = mapped.stream().filter(i -> !present.contains(i.email())).toList();
        report.skipped(Kind.INVITATIONS, mapped.size() - toWrite.size(), ALREADY_PRESENT);
        if (!options.dryRun() && !toWrite.isEmpty()) {
            keyward.writeInvitations(toWrite);
            keyward.commit();
        }
        report.imported(Kind.INVITATIONS, toWrite.size());
    }

    private static Properties credentials(String user, String password) {
        Properties p = new Properties();
        put(p, "user", user);
        put(p, "password", password);
        return p;
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
