package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void trimsFractionToGroupsOfThree() {
        assertEquals("2025-03-04T10:11:12Z", Timestamps.format(Instant.parse("2025-03-04T10:11:12Z")));
        assertEquals("2025-03-04T10:11:12.500Z", Timestamps.format(Instant.parse("2025-03-04T10:11:12.5Z")));
        assertEquals("2025-03-04T10:11:12.123456Z", Timestamps.format(Instant.parse("2025-03-04T10:11:12.123456Z")));
        assertEquals("2025-03-04T10:11:12.000000001Z", Timestamps.format(Instant.parse("2025-03-04T10:11:12.000000001Z")));
    }

    @Test
    void writesWhatTheGeneralFormatterWritesForEveryYearUpTo9999() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(20261207);
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(t), Timestamps.format(t), t::toString);
        }
        assertEquals("0000-01-01T00:00:00Z", Timestamps.format(Instant.ofEpochSecond(first)));
        assertEquals("9999-12-31T23:59:59.999999999Z", Timestamps.format(Instant.ofEpochSecond(last, 999_999_999)));
        assertEquals("1970-01-01T00:00:00.010Z", Timestamps.format(Instant.ofEpochMilli(10)));
    }

    @Test
    void bodyTimestampsNeedTheZSuffix() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), Timestamps.parseBody("2026-01-01T00:00:00Z", "expires_at"));
        assertThrows(WireFormatException.class, () -> Timestamps.parseBody("2026-01-01T00:00:00+02:00", "expires_at"));
        assertThrows(WireFormatException.class, () -> Timestamps.parseBody("2026-01-01T00:00:00z", "expires_at"));
        assertThrows(WireFormatException.class, () -> Timestamps.parseBody("2026-13-01T00:00:00Z", "expires_at"));
    }

    @Test
    void queryTimestampsMayHaveOffsets() {
        assertEquals(Instant.parse("2025-12-31T22:00:00Z"), Timestamps.parseQuery("2026-01-01T00:00:00+02:00", "t"));
    }
}
