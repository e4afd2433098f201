package io.keyward.wire;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Query-string fields mapped onto a request message as grpc-gateway does: proto or lowerCamelCase
 * names, repeated keys for repeated fields, {@code name[key]=value} for maps.
 */
public final class Query {
    private final MultivaluedMap<String, String> params;

    public Query(MultivaluedMap<String, String> params) {
        this.params = params;
    }

    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        List<String> a = params.get(name);
        if (a != null) {
            out.addAll(a);
        }
        String camel = JsonIn.camel(name);
        if (!camel.equals(name) && params.get(camel) != null) {
            out.addAll(params.get(camel));
        }
        return out;
    }

    /** A singular field: present at most once. */
    public Optional<String> single(String name) {
        List<String> v = values(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.size() > 1) {
            throw WireFormatException.of("too many values for field \"" + name + "\": " + v);
        }
        return Optional.of(v.get(0));
    }

    public String string(String name) {
        return single(name).orElse("");
    }

    public long uint32(String name) {
        return single(name).map(s -> {
            try {
                long n = Long.parseLong(s);
                if (n < 0 || n > 0xFFFF_FFFFL) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw WireFormatException.of("parsing field \"" + name + "\": \"" + s + "\" is not a valid uint32");
            }
        }).orElse(0L);
    }

    public boolean bool(String name) {
        return single(name).map(s -> switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw WireFormatException.of("parsing field \"" + name + "\": \"" + s + "\" is not a valid bool");
        }).orElse(false);
    }

    public <E extends Enum<E> & ProtoEnum> List<E> enumList(String name, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (String s : values(name)) {
            out.add(ProtoEnums.fromQuery(type, s, name));
        }
        return out;
    }

    /** {@code name[key]=value} pairs, in query order. */
    public Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String prefix : List.of(name, JsonIn.camel(name))) {
            for (Map.Entry<String, List<String>> e : params.entrySet()) {
                String k = e.getKey();
                if (k.startsWith(prefix + "[") && k.endsWith("]")) {
                    for (String v : e.getValue()) {
                        out.put(k.substring(prefix.length() + 1, k.length() - 1), v);
                    }
                }
            }
            if (name.equals(JsonIn.camel(name))) {
                break;
            }
        }
        return out;
    }

    /** {@code field_mask=a,b} (one value) or {@code field_mask.paths=a&field_mask.paths=b}. */
    public FieldMask fieldMask() {
        List<String> paths = new ArrayList<>();
        Optional<String> joined = single("field_mask");
        joined.ifPresent(s -> {
            for (String p : s.split(",", -1)) {
                paths.add(p.trim());
            }
        });
        paths.addAll(values("field_mask.paths"));
        return FieldMask.of(paths);
    }
}
