package io.keyward.user;

import io.keyward.wire.ProtoEnum;

/** {@code ttn.lorawan.v3.ConsoleTheme}, with its proto numbers. */
public enum ConsoleTheme implements ProtoEnum {
    CONSOLE_THEME_SYSTEM(0),
    CONSOLE_THEME_LIGHT(1),
    CONSOLE_THEME_DARK(2);

    private final int number;

    ConsoleTheme(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String prefix() {
        return "CONSOLE_THEME_";
    }
}
