package io.keyward.notification;

import io.keyward.wire.ProtoEnum;
import io.keyward.wire.ProtoEnums;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code ttn.lorawan.v3.NotificationReceiver}: the relation to the entity whose holders receive a
 * notification (API.md §8.2). There is no value 2.
 */
public enum NotificationReceiver implements ProtoEnum {
    NOTIFICATION_RECEIVER_UNKNOWN(0),
    NOTIFICATION_RECEIVER_COLLABORATOR(1),
    NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT(3),
    NOTIFICATION_RECEIVER_TECHNICAL_CONTACT(4);

    private final int number;

    NotificationReceiver(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String prefix() {
        return "NOTIFICATION_RECEIVER_";
    }

    public static NotificationReceiver ofNumber(int n) {
        return ProtoEnums.ofStoredNumber(NotificationReceiver.class, n);
    }

    /** The stored form: comma-separated proto numbers, in request order. */
    public static String encode(Collection<NotificationReceiver> receivers) {
        StringBuilder out = new StringBuilder();
        for (NotificationReceiver r : receivers) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(r.number);
        }
        return out.toString();
    }

    public static List<NotificationReceiver> decode(String stored) {
        List<NotificationReceiver> out = new ArrayList<>();
        if (stored != null && !stored.isBlank()) {
            for (String s : stored.split(",")) {
                out.add(ofNumber(Integer.parseInt(s.trim())));
            }
        }
        return out;
    }
}
