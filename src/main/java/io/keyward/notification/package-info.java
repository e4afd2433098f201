/**
 * NotificationService: stores the notifications that capabilities raise
 * ({@link io.keyward.user.NotificationRequest}), lists them for their receivers, and the cluster-key
 * Create extension. A consumer: no capability imports it.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}.
 */
package io.keyward.notification;
