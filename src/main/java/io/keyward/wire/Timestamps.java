package io.keyward.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** RFC 3339 timestamps as The Things Stack writes and reads them. */
public final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern BODY_FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    private Timestamps() {
    }

    /** UTC with a Z, fraction trimmed to 0, 3, 6 or 9 digits. */
    public static String format(Instant t) {
        StringBuilder out = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            if (nanos % 1_000_000 == 0) {
                digits = digits.substring(0, 3);
            } else if (nanos % 1_000 == 0) {
                digits = digits.substring(0, 6);
            }
            out.append('.').append(digits);
        }
        return out.append('Z').toString();
    }

    /** JSON bodies: {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z} only (offsets are rejected, as in TTS). */
    public static Instant parseBody(String s, String field) {
        if (!BODY_FORM.matcher(s).matches()) {
            throw WireFormatException.of("invalid timestamp for field " + field + ": \"" + s + "\"");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw WireFormatException.of("invalid timestamp for field " + field + ": \"" + s + "\"");
        }
    }

    /** Query strings: RFC 3339 with offsets allowed. */
    public static Instant parseQuery(String s, String field) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw WireFormatException.of("parsing field \"" + field + "\": invalid timestamp \"" + s + "\"");
        }
    }

    /** Stored timestamps have microsecond precision, like TTS's database. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
