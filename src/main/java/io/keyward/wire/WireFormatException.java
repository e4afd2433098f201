package io.keyward.wire;

import io.keyward.error.GrpcCode;
import jakarta.ejb.ApplicationException;

/**
 * A request that cannot be mapped onto its request message (bad JSON, wrong types, bad query values).
 * Answered as a plain gRPC status without TTS error details: {@code 400 {"code":3,"message":...}}.
 */
@ApplicationException(rollback = true)
public class WireFormatException extends RuntimeException {
    private final GrpcCode code;

    public WireFormatException(GrpcCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static WireFormatException of(String message) {
        return new WireFormatException(GrpcCode.INVALID_ARGUMENT, message);
    }

    public GrpcCode code() {
        return code;
    }
}
