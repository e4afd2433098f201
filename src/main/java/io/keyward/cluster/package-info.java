/**
 * Several nodes as one server: {@link io.keyward.cluster.ChangeFeed} listens to PostgreSQL's change notices
 * (raised by row triggers on commit for changes of access, and by {@link io.keyward.cluster.ChangeAnnouncer}
 * right after commit for a user's descriptive fields) and fires {@link io.keyward.cluster.RemoteChange}, on
 * which the per-node copies of {@code user} and {@code authn} drop what changed; its readiness check says
 * whether it hears them.
 *
 * <p>May import: nothing of ours.
 */
package io.keyward.cluster;
