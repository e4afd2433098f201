package io.keyward.wire;

import io.keyward.error.Errors;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A {@code google.protobuf.FieldMask}: de-duplicated, order-free set of dotted paths. */
public final class FieldMask {
    private final TreeSet<String> paths;

    private FieldMask(Collection<String> paths) {
        this.paths = new TreeSet<>(paths);
    }

    public static FieldMask of(Collection<String> paths) {
        return new FieldMask(paths);
    }

    public static FieldMask of(String... paths) {
        return new FieldMask(List.of(paths));
    }

    public static FieldMask empty() {
        return new FieldMask(List.of());
    }

    /** Body forms: {@code {"paths": [...]}} (paths the only key) or the string {@code "a,b"}. */
    public static FieldMask fromBody(JsonIn body, String name) {
        return body.value(name).map(v -> {
            if (v.getValueType() == JsonValue.ValueType.STRING) {
                String s = ((JsonString) v).getString();
                List<String> paths = new ArrayList<>();
                if (!s.isEmpty()) {
                    for (String p : s.split(",", -1)) {
                        paths.add(p.trim());
                    }
                }
                return of(paths);
            }
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                for (String key : v.asJsonObject().keySet()) {
                    if (!key.equals("paths")) {
                        throw WireFormatException.of("invalid field mask: unexpected key \"" + key + "\"");
                    }
                }
                return of(JsonIn.of(v.asJsonObject()).strings("paths"));
            }
            throw WireFormatException.of("invalid value for field mask " + name + ": " + v);
        }).orElse(empty());
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** Canonical (alphabetical) order, as TTS normalises masks. */
    public Set<String> paths() {
        return java.util.Collections.unmodifiableSet(paths);
    }

    public boolean contains(String path) {
        return paths.contains(path);
    }

    /** The path itself or one of its sub-paths is in the mask. */
    public boolean touches(String path) {
        for (String p : paths) {
            if (p.equals(path) || p.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The path, or a parent of it, is in the mask: the whole field is requested. */
    public boolean covers(String path) {
        for (String p : paths) {
            if (path.equals(p) || path.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    public FieldMask with(String... more) {
        List<String> all = new ArrayList<>(paths);
        all.addAll(List.of(more));
        return of(all);
    }

    public FieldMask without(String... less) {
        List<String> all = new ArrayList<>(paths);
        all.removeAll(List.of(less));
        return of(all);
    }

    /** Every path must be allowed, else {@code field_mask_paths} with the offending ones. */
    public FieldMask requireAllowed(Set<String> allowed) {
        List<String> forbidden = new ArrayList<>();
        for (String p : paths) {
            if (!allowed.contains(p)) {
                forbidden.add(p);
            }
        }
        if (!forbidden.isEmpty()) {
            throw Errors.FIELD_MASK_PATHS.error("forbidden_paths", forbidden);
        }
        return this;
    }

    @Override
    public String toString() {
        return String.join(",", paths);
    }
}
