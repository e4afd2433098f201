/**
 * UserAccess: the API keys of a user (create, list, get, update, delete) and ListRights.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}, {@code audit}.
 */
package io.keyward.apikey;
