package io.keyward.user;

import io.keyward.wire.ProtoEnum;

/** {@code ttn.lorawan.v3.ContactType}, with its proto numbers. */
public enum ContactType implements ProtoEnum {
    CONTACT_TYPE_OTHER(0),
    CONTACT_TYPE_ABUSE(1),
    CONTACT_TYPE_BILLING(2),
    CONTACT_TYPE_TECHNICAL(3);

    private final int number;

    ContactType(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String prefix() {
        return "CONTACT_TYPE_";
    }
}
