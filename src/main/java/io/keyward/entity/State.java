package io.keyward.entity;

import io.keyward.wire.ProtoEnum;
import io.keyward.wire.ProtoEnums;

/** {@code ttn.lorawan.v3.State}: the account state; the zero value is STATE_REQUESTED. */
public enum State implements ProtoEnum {
    STATE_REQUESTED(0),
    STATE_APPROVED(1),
    STATE_REJECTED(2),
    STATE_FLAGGED(3),
    STATE_SUSPENDED(4);

    private final int number;

    State(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String prefix() {
        return "STATE_";
    }

    public static State ofNumber(int n) {
        return ProtoEnums.ofStoredNumber(State.class, n);
    }
}
