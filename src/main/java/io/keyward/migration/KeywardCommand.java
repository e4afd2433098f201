package io.keyward.migration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyward's command line, for what runs beside the server rather than in it. One command so far:
 *
 * <pre>
 * import-tts --from JDBC_URL [--user USER] [--password PASSWORD]
 *            [--to JDBC_URL] [--to-user USER] [--to-password PASSWORD]
 *            [--dry-run] [--batch-size N] [--no-migrate]
 * </pre>
 *
 * Passwords may instead come from the environment ({@code TTS_DB_PASSWORD}), and the target defaults to
 * the server's own settings ({@code IS_DB_URL}, {@code IS_DB_USER}, {@code IS_DB_PASSWORD}), so that no
 * password needs to be on a command line.
 */
public final class KeywardCommand {
    static final String USAGE = """
            usage: import-tts --from JDBC_URL [--user USER] [--password PASSWORD]
                              [--to JDBC_URL] [--to-user USER] [--to-password PASSWORD]
                              [--dry-run] [--batch-size N] [--no-migrate]
              --from         the TTS identity server's PostgreSQL database, e.g. jdbc:postgresql://db/ttn_lorawan
              --user         its user (default: none); --password or TTS_DB_PASSWORD: its password
              --to           Keyward's PostgreSQL database (default: IS_DB_URL)
              --to-user      its user (default: IS_DB_USER); --to-password or IS_DB_PASSWORD: its password
              --dry-run      read and check everything, write nothing, report what an import would do
              --batch-size   users per transaction (default 1000)
              --no-migrate   do not bring Keyward's schema up to date first (Flyway)""";

    private KeywardCommand() {
    }

    public static void main(String[] args) throws SQLException {
        ImportReport report = run(args, System.getenv());
        System.out.print(report.format());
    }

    static ImportReport run(String[] args, Map<String, String> env) throws SQLException {
        return TtsImport.run(parse(args, env));
    }

    /** The options of {@code import-tts}; IllegalArgumentException (with the usage) for anything else. */
    static TtsImport.Options parse(String[] args, Map<String, String> env) {
        List<String> a = new ArrayList<>(List.of(args));
        if (a.isEmpty() || !a.remove(0).equals("import-tts")) {
            throw new IllegalArgumentException("unknown command\n" + USAGE);
        }
        String from = null;
        String user = null;
        String password = env.get("TTS_DB_PASSWORD");
        String to = env.get("IS_DB_URL");
        String toUser = env.getOrDefault("IS_DB_USER", "keyward");
        String toPassword = env.get("IS_DB_PASSWORD");
        boolean dryRun = false;
        boolean migrate = true;
        int batch = 1000;
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i);
            switch (opt) {
                case "--dry-run" -> dryRun = true;
                case "--no-migrate" -> migrate = false;
                case "--from", "--user", "--password", "--to", "--to-user", "--to-password", "--batch-size" -> {
                    if (i + 1 >= a.size()) {
                        throw new IllegalArgumentException(opt + " needs a value\n" + USAGE);
                    }
                    String v = a.get(++i);
                    switch (opt) {
                        case "--from" -> from = v;
                        case "--user" -> user = v;
                        case "--password" -> password = v;
                        case "--to" -> to = v;
                        case "--to-user" -> toUser = v;
                        case "--to-password" -> toPassword = v;
                        default -> batch = batchSize(v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + opt + "\n" + USAGE);
            }
        }
        if (from == null || !from.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--from must name the TTS PostgreSQL database (jdbc:postgresql://...)\n" + USAGE);
        }
        if (to == null || !to.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--to (or IS_DB_URL) must name Keyward's PostgreSQL database\n" + USAGE);
        }
        return new TtsImport.Options(from, user, password, to, toUser, toPassword, dryRun, batch, migrate);
    }

    private static int batchSize(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 100_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--batch-size must be a number from 1 to 100000\n" + USAGE);
    }
}
