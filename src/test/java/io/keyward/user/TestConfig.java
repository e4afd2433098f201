package io.keyward.user;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A configuration source for in-container tests: values set here override everything else, for the
 * test archive only (the application under black-box test is not affected). Always reset what you set.
 */
public class TestConfig implements ConfigSource {
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    /** Sets {@code key} until the returned handle is closed. */
    public static AutoCloseable set(String key, String value) {
        VALUES.put(key, value);
        return () -> VALUES.remove(key);
    }

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String key) {
        return VALUES.get(key);
    }

    @Override
    public String getName() {
        return "keyward-test-overrides";
    }

    @Override
    public int getOrdinal() {
        return 10_000;
    }
}
