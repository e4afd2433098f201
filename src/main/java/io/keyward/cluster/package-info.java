/**
 * Several nodes as one server: {@link io.keyward.cluster.ChangeFeed} listens to PostgreSQL's change notices
 * (raised by row triggers on commit) and fires {@link io.keyward.cluster.RemoteChange}, on which the per-node
 * copies of {@code user} and {@code authn} drop what changed; its readiness check says whether it hears them.
 *
 * <p>May import: nothing of ours.
 */
package io.keyward.cluster;
