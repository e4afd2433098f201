/**
 * Persistence helpers shared by every entity's store (JPA converters).
 *
 * <p>May import: nothing of ours.
 */
package io.keyward.store;
