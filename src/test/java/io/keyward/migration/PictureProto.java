package io.keyward.migration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@code ttn.lorawan.v3.Picture} in protobuf's binary encoding, as TTS stores it in
 * {@code pictures.data}: for the import's tests and fixtures.
 */
public final class PictureProto {
    private PictureProto() {
    }

    /** embedded = 1 {mime_type = 1, data = 2} when either is given; sizes = 2, map<uint32, string>. */
    public static byte[] encode(String mimeType, byte[] data, Map<Long, String> sizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (mimeType != null || data != null) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            if (mimeType != null) {
                field(e, 1, mimeType.getBytes(StandardCharsets.UTF_8));
            }
            if (data != null) {
                field(e, 2, data);
            }
            field(out, 1, e.toByteArray());
        }
        for (Map.Entry<Long, String> s : sizes.entrySet()) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            varint(entry, 1 << 3);
            varint(entry, s.getKey());
            field(entry, 2, s.getValue().getBytes(StandardCharsets.UTF_8));
            field(out, 2, entry.toByteArray());
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        varint(out, number << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
