package io.keyward.notification;

import io.keyward.wire.ProtoEnum;
import io.keyward.wire.ProtoEnums;

/** {@code ttn.lorawan.v3.NotificationStatus}: per receiving user; the zero value is UNSEEN. */
public enum NotificationStatus implements ProtoEnum {
    NOTIFICATION_STATUS_UNSEEN(0),
    NOTIFICATION_STATUS_SEEN(1),
    NOTIFICATION_STATUS_ARCHIVED(2);

    private final int number;

    NotificationStatus(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String prefix() {
        return "NOTIFICATION_STATUS_";
    }

    public static NotificationStatus ofNumber(int n) {
        return ProtoEnums.ofStoredNumber(NotificationStatus.class, n);
    }
}
