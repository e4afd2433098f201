/**
 * What every entity shares, whatever its type: the ID rule, the account/entity {@link io.keyward.entity.State},
 * and the e-mail address rule for contact addresses. A rule lives here once and every capability calls it.
 *
 * <p>May import: {@code error}, {@code wire}.
 */
package io.keyward.entity;
