/**
 * Persistence helpers shared by every entity's store (JPA converters, the EclipseLink session settings).
 *
 * <p>May import: nothing of ours.
 */
package io.keyward.store;
