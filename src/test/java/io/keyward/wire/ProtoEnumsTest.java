package io.keyward.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.notification.NotificationReceiver;
import io.keyward.rights.Right;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Proto enums as grpc-gateway reads them: bodies take more forms than query strings. NotificationReceiver
 * has no value 2; Right's zero value is the lower-case proto name {@code right_invalid}.
 */
class ProtoEnumsTest {
    private static final Class<NotificationReceiver> RECEIVER = NotificationReceiver.class;

    private static JsonValue str(String s) {
        return JsonP.provider().createValue(s);
    }

    private static JsonValue num(int n) {
        return JsonP.provider().createValue(n);
    }

    @Test
    void bodyTakesFullNameShortNameNumberAndNumericString() {
        NotificationReceiver technical = NotificationReceiver.NOTIFICATION_RECEIVER_TECHNICAL_CONTACT;
        assertEquals(technical, ProtoEnums.fromJson(RECEIVER, str("NOTIFICATION_RECEIVER_TECHNICAL_CONTACT"), "r"));
        assertEquals(technical, ProtoEnums.fromJson(RECEIVER, str("TECHNICAL_CONTACT"), "r"));
        assertEquals(technical, ProtoEnums.fromJson(RECEIVER, num(4), "r"));
        assertEquals(technical, ProtoEnums.fromJson(RECEIVER, str("4"), "r"));
        assertEquals(Right.RIGHT_INVALID, ProtoEnums.fromJson(Right.class, str("right_invalid"), "rights"));
    }

    @Test
    void bodyRefusesUnknownNamesAndOtherTypesAsWireErrors() {
        assertEquals("invalid value for enum field receivers: \"OWNER\"", assertThrows(WireFormatException.class,
                () -> ProtoEnums.fromJson(RECEIVER, str("OWNER"), "receivers")).getMessage());
        assertEquals("invalid value for enum field receivers: 1.5", assertThrows(WireFormatException.class,
                () -> ProtoEnums.fromJson(RECEIVER, JsonP.provider().createValue(1.5), "receivers")).getMessage());
        assertThrows(WireFormatException.class, () -> ProtoEnums.fromJson(RECEIVER, JsonValue.TRUE, "receivers"));
        // The Java constant name is not the proto name here.
        assertThrows(WireFormatException.class, () -> ProtoEnums.fromJson(Right.class, str("RIGHT_INVALID"), "rights"));
    }

    @Test
    void undefinedNumbersAreValidationErrorsOfTheField() {
        for (JsonValue v : new JsonValue[] {num(2), str("2"), num(-1)}) {
            KeywardException e = assertThrows(KeywardException.class, () -> ProtoEnums.fromJson(RECEIVER, v, "receivers"));
            assertTrue(e.is(Errors.VALIDATION));
            assertEquals("receivers", e.attributes().get("field"));
            assertEquals("value must be one of the defined enum values", e.attributes().get("reason"));
        }
    }

    @Test
    void queryTakesOnlyFullNameOrNumber() {
        NotificationReceiver collaborator = NotificationReceiver.NOTIFICATION_RECEIVER_COLLABORATOR;
        assertEquals(collaborator, ProtoEnums.fromQuery(RECEIVER, "NOTIFICATION_RECEIVER_COLLABORATOR", "r"));
        assertEquals(collaborator, ProtoEnums.fromQuery(RECEIVER, "1", "r"));
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> ProtoEnums.fromQuery(RECEIVER, "COLLABORATOR", "receivers"));
        assertEquals("parsing field \"receivers\": COLLABORATOR is not a valid NotificationReceiver", e.getMessage());
        assertThrows(KeywardException.class, () -> ProtoEnums.fromQuery(RECEIVER, "2", "receivers"));
    }

    @Test
    void storedNumbersMustExist() {
        assertEquals(NotificationReceiver.NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT, ProtoEnums.ofStoredNumber(RECEIVER, 3));
        assertThrows(IllegalArgumentException.class, () -> ProtoEnums.ofStoredNumber(RECEIVER, 2));
        assertNull(ProtoEnums.byName(RECEIVER, "COLLABORATOR"));
    }
}
