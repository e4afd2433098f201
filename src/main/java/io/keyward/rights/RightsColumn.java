package io.keyward.rights;

import io.keyward.wire.ProtoEnums;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Rights as stored in a column: comma-separated proto numbers, in the order they were given. */
public final class RightsColumn {
    private RightsColumn() {
    }

    public static String format(List<Right> rights) {
        return rights.stream().map(r -> Integer.toString(r.number())).collect(Collectors.joining(","));
    }

    public static List<Right> parse(String column) {
        List<Right> out = new ArrayList<>();
        if (column == null || column.isBlank()) {
            return out;
        }
        for (String s : column.split(",")) {
            out.add(ProtoEnums.byNumber(Right.class, Integer.parseInt(s.trim()), "rights"));
        }
        return out;
    }
}
