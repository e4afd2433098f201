package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
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
