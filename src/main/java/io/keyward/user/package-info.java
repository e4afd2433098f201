/**
 * The users capability (TTS UserRegistry, user search): {@code *Resource} (thin) → {@link io.keyward.user.UserRegistry}
 * (one transaction per use case) → {@link io.keyward.user.UserStore} (all JPQL of users) →
 * {@link io.keyward.user.UserEntity}, with {@link io.keyward.user.UserMapper} for the wire. Also the events
 * a change raises, observed by the capabilities above: {@link io.keyward.user.MailRequest},
 * {@link io.keyward.user.NotificationRequest}, {@link io.keyward.user.UserCredentialsChanged},
 * {@link io.keyward.user.EmailValidationRequested}, {@link io.keyward.user.InvitationTokenUsed}. Provisioning by
 * identity providers ({@link io.keyward.user.UserProvisioning}, SCIM) uses the same rules.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code cluster}, {@code http}, {@code audit}.
 */
package io.keyward.user;
