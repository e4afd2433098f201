package io.keyward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final Set<String> PROXIES = Set.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32");

    @Test
    void forwardedHeadersCountOnlyFromTrustedProxies() {
        assertEquals("198.51.100.7", ClientAddress.resolve("198.51.100.7", null, "203.0.113.5", PROXIES), "untrusted peer");
        assertEquals("198.51.100.7", ClientAddress.resolve("198.51.100.7", null, "203.0.113.5", Set.of()), "no proxies configured");
        assertEquals("203.0.113.5", ClientAddress.resolve("10.1.2.3", null, "203.0.113.5", PROXIES));
        assertEquals("192.0.2.1", ClientAddress.resolve("192.0.2.1", null, null, PROXIES), "no header: the peer");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        // A client cannot prepend a fake address: the proxies append, so the right-most untrusted hop wins.
        assertEquals("203.0.113.5", ClientAddress.resolve("10.1.2.3", null, "1.2.3.4, 203.0.113.5, 10.9.9.9", PROXIES));
        assertEquals("203.0.113.5", ClientAddress.resolve("10.1.2.3", "for=1.2.3.4, for=\"203.0.113.5:4711\";proto=https", null, PROXIES));
        assertEquals("2001:db9::1", ClientAddress.resolve("2001:db8::5", "for=\"[2001:db9::1]:443\"", null, PROXIES));
        // An unreadable hop (a name, garbage): nothing beyond it is believed.
        assertEquals("10.1.2.3", ClientAddress.resolve("10.1.2.3", null, "203.0.113.5, evil.example", PROXIES));
        assertEquals("10.1.2.3", ClientAddress.resolve("10.1.2.3", null, "999.1.1.1", PROXIES));
    }

    @Test
    void rangesMatchByPrefix() {
        assertTrue(ClientAddress.trusted("10.255.0.1", PROXIES));
        assertFalse(ClientAddress.trusted("11.0.0.1", PROXIES));
        assertTrue(ClientAddress.trusted("2001:db8:1::1", PROXIES));
        assertFalse(ClientAddress.trusted("2001:db9::1", PROXIES));
        assertFalse(ClientAddress.trusted("localhost", PROXIES));
        assertNull(ClientAddress.parse("example.com"));
        assertNull(ClientAddress.parse("256.1.1.1"));
    }
}
