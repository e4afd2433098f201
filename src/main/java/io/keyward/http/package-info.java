/**
 * The HTTP edge: errors as The Things Stack's JSON body with the matching status (exception mappers,
 * error page), and the request filter (request log line, correlation ID, body size limit).
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}.
 */
package io.keyward.http;
