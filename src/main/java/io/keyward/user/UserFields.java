package io.keyward.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The field paths of the User message (API.md §1.5) and the sets each method allows or treats specially. */
public final class UserFields {
    private UserFields() {
    }

    static final List<String> DASHBOARD_KEYS = List.of("api_key", "application", "collaborator", "end_device",
            "gateway", "organization", "overview", "user");
    static final List<String> SORT_BY_KEYS = List.of("api_key", "application", "collaborator", "end_device",
            "gateway", "organization", "user");

    /** Every path of User, nested ones included. */
    public static final Set<String> ALL;

    static {
        List<String> all = new ArrayList<>(List.of("admin", "attributes", "console_preferences",
                "console_preferences.console_theme", "console_preferences.dashboard_layouts",
                "console_preferences.sort_by", "contact_info", "created_at", "deleted_at", "description", "ids",
                "ids.email", "ids.user_id", "name", "password", "password_updated_at", "primary_email_address",
                "primary_email_address_validated_at", "profile_picture", "profile_picture.embedded",
                "profile_picture.embedded.data", "profile_picture.embedded.mime_type", "profile_picture.sizes",
                "require_password_update", "state", "state_description", "temporary_password",
                "temporary_password_created_at", "temporary_password_expires_at", "updated_at"));
        DASHBOARD_KEYS.forEach(k -> all.add("console_preferences.dashboard_layouts." + k));
        SORT_BY_KEYS.forEach(k -> all.add("console_preferences.sort_by." + k));
        ALL = Set.copyOf(new TreeSet<>(all));
    }

    /** Get, List, SearchUsers: everything but the secrets. */
    public static final Set<String> READ = without(ALL, "password", "temporary_password");

    /** Update: everything but the password (changed through UpdatePassword only). */
    public static final Set<String> UPDATE = without(ALL, "password", "password_updated_at");

    /** Top-level fields any authenticated caller may read (API.md §3.1). */
    public static final Set<String> PUBLIC = Set.of("ids", "created_at", "updated_at", "deleted_at", "contact_info",
            "name", "description", "state", "admin", "profile_picture");

    /** Fields only admins may write; in alphabetical order, as TTS reports the first offending one. */
    public static final List<String> ADMIN_ONLY = List.of("admin", "primary_email_address_validated_at",
            "require_password_update", "state", "state_description", "temporary_password",
            "temporary_password_created_at", "temporary_password_expires_at");

    /** Always part of a read answer. */
    public static final List<String> ALWAYS = List.of("ids", "created_at", "updated_at");

    /** The top-level field a path belongs to. */
    public static String top(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** True if {@code path} is a public field or a sub-path of one. */
    public static boolean isPublic(String path) {
        return PUBLIC.contains(top(path));
    }

    private static Set<String> without(Set<String> set, String... paths) {
        TreeSet<String> out = new TreeSet<>(set);
        for (String p : paths) {
            out.remove(p);
        }
        return Set.copyOf(out);
    }
}
