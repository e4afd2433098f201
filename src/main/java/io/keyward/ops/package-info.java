/**
 * Running the server: Flyway migrations at start, the bootstrap admin, health checks.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}, {@code apikey}, {@code invitation}, {@code contactinfo}, {@code notification},
 * {@code mail}, {@code authn}, {@code http}.
 */
package io.keyward.ops;
