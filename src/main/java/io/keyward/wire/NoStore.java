package io.keyward.wire;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose answer carries a secret (an API key, an invitation token): the answer
 * is sent with {@code Cache-Control: no-store}, so that no browser or proxy keeps a copy.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NoStore {
}
