/**
 * Moving from The Things Stack (issue 18 §4): {@link io.keyward.migration.KeywardCommand} runs
 * {@code import-tts}, which reads a TTS identity server's PostgreSQL database ({@link io.keyward.migration.TtsSource},
 * the tables of TTS's {@code pkg/identityserver/bunstore}), maps each user with all of its rows
 * ({@link io.keyward.migration.TtsMapping}, pure) and writes them into Keyward's PostgreSQL schema with plain
 * JDBC batches ({@link io.keyward.migration.KeywardTarget}), a user never half-imported. It runs outside the
 * server (a command line tool), so it uses no container service: only the rules and enums of the packages below.
 *
 * <p>May import: {@code error}, {@code wire}, {@code crypto}, {@code entity}, {@code rights}, {@code user},
 * {@code notification}.
 */
package io.keyward.migration;
