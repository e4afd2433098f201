package io.keyward.contactinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void formatsAsGo() {
        assertEquals("1h0m0s", EmailValidationRegistry.goDuration(Duration.ofHours(1)));
        assertEquals("30m0s", EmailValidationRegistry.goDuration(Duration.ofMinutes(30)));
        assertEquals("45s", EmailValidationRegistry.goDuration(Duration.ofSeconds(45)));
        assertEquals("1.5s", EmailValidationRegistry.goDuration(Duration.ofMillis(1500)));
        assertEquals("2h30m5s", EmailValidationRegistry.goDuration(Duration.ofSeconds(9005)));
        assertEquals("0s", EmailValidationRegistry.goDuration(Duration.ZERO));
    }
}
