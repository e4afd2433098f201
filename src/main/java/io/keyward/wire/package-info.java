/**
 * The Things Stack's JSON wire format: reading request bodies and query strings, writing answers (zero
 * values omitted, enums by name, timestamps), field masks, paging, proto enums. Malformed input is a
 * {@link io.keyward.wire.WireFormatException}; rule violations are errors of the catalogue.
 *
 * <p>May import: {@code error}.
 */
package io.keyward.wire;
