/**
 * Every option ({@code is.*}), typed, with its default, read through MicroProfile Config; Go durations.
 *
 * <p>May import: nothing of ours.
 */
package io.keyward.config;
