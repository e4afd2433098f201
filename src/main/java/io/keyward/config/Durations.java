package io.keyward.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as The Things Stack's options use them ({@code 168h}, {@code 1h30m}, {@code 90s}). */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");

    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.startsWith("P") || s.startsWith("p")) {
            return Duration.parse(s);
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        double nanos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                throw new IllegalArgumentException("invalid duration: " + text);
            }
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us" -> 1e3;
                default -> 1;
            };
            pos = m.end();
        }
        if (pos != s.length() || pos == 0) {
            throw new IllegalArgumentException("invalid duration: " + text);
        }
        return Duration.ofNanos((long) nanos);
    }

    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long h = d.toHours();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || out.length() == 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
