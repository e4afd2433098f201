package io.keyward.user;

import io.keyward.wire.ProtoEnum;

/** {@code ttn.lorawan.v3.DashboardLayout}, with its proto numbers. */
public enum DashboardLayout implements ProtoEnum {
    DASHBOARD_LAYOUT_TABLE(0),
    DASHBOARD_LAYOUT_LIST(1),
    DASHBOARD_LAYOUT_GRID(2);

    private final int number;

    DashboardLayout(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String prefix() {
        return "DASHBOARD_LAYOUT_";
    }
}
