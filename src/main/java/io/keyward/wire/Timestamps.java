package io.keyward.wire;

import java.time.Instant;
import java.time.LocalDateTime;
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

    /**
     * UTC with a Z, fraction trimmed to 0, 3, 6 or 9 digits. Written digit by digit: every user read formats
     * two or more timestamps, and DateTimeFormatter plus String.format were ~2% of a request's CPU (JFR, W5).
     */
    public static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(30);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            out.append(SECONDS.format(t)); // sign and extra digits: rare enough for the general formatter
        } else {
            digits(out, d.getYear(), 4).append('-');
            digits(out, d.getMonthValue(), 2).append('-');
            digits(out, d.getDayOfMonth(), 2).append('T');
            digits(out, d.getHour(), 2).append(':');
            digits(out, d.getMinute(), 2).append(':');
            digits(out, d.getSecond(), 2);
        }
        int nanos = t.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    /** {@code value} (not negative) in exactly {@code width} decimal digits, zero-padded on the left. */
    private static StringBuilder digits(StringBuilder out, int value, int width) {
        int at = out.length();
        for (int i = 0; i < width; i++) {
            out.append('0');
        }
        for (int i = at + width - 1; i >= at && value > 0; i--, value /= 10) {
            out.setCharAt(i, (char) ('0' + value % 10));
        }
        return out;
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
