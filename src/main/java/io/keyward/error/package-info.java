/**
 * The error catalogue: every error Keyward answers, by The Things Stack's namespace and name
 * ({@link io.keyward.error.Errors}), the exception that carries one ({@link io.keyward.error.KeywardException}),
 * gRPC codes and their HTTP statuses, and the one builder of {@code pkg/errors:validation} chains
 * ({@link io.keyward.error.Validation}). Rendering errors for HTTP is {@code http}'s job.
 *
 * <p>May import: nothing of ours.
 */
package io.keyward.error;
