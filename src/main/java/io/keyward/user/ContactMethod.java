package io.keyward.user;

import io.keyward.wire.ProtoEnum;

/** {@code ttn.lorawan.v3.ContactMethod}, with its proto numbers. */
public enum ContactMethod implements ProtoEnum {
    CONTACT_METHOD_OTHER(0),
    CONTACT_METHOD_EMAIL(1),
    CONTACT_METHOD_PHONE(2);

    private final int number;

    ContactMethod(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String prefix() {
        return "CONTACT_METHOD_";
    }
}
