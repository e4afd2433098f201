/**
 * UserInvitationRegistry: invitations to register, and their use by Users.Create
 * (it observes {@link io.keyward.user.InvitationTokenUsed}).
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}, {@code audit}.
 */
package io.keyward.invitation;
