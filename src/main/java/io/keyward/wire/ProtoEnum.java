package io.keyward.wire;

/**
 * An enum that mirrors a protobuf enum: it has a proto number and a full value name (the Java constant
 * name, except where the proto name is not a valid constant, e.g. {@code right_invalid}).
 */
public interface ProtoEnum {
    int number();

    /** The full proto value name, as written on the wire. */
    default String fullName() {
        return ((Enum<?>) this).name();
    }

    /** The prefix that JSON input may leave out, e.g. {@code STATE_} for {@code STATE_APPROVED}. */
    String prefix();
}
