package io.keyward.user;

/**
 * Fired (CDI event) by Users.Create inside its transaction when the request carries a non-empty
 * {@code invitation_token} (API.md §4.1 step 10, §7.4). The invitation component observes it
 * {@code during = IN_PROGRESS}: an unknown token throws {@code invitation_not_found} (404), an expired one
 * {@code invitation_expired} (400), a used one {@code invitation_already_used} (400) — the exception reaches
 * the firer and rolls the Create back; otherwise the invitation is marked accepted by {@code userId} in
 * the same transaction, with a conditional update so that of two Creates with one token exactly one wins.
 * Fire it after {@code em.persist(user)}, so that the new user's row can be referenced.
 */
public record InvitationTokenUsed(String token, String userId) {}
