package io.keyward.mail;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The e-mail templates: three files per message type, {@code <type>.subject.txt}, {@code <type>.txt}
 * and {@code <type>.html}, built in under {@code mail/templates/} and overridable file by file from the
 * directory named by {@code is.email.templates} (the same file names, as in The Things Stack).
 *
 * <p>The engine is deliberately tiny: {@code {{name}}} is replaced by the value of {@code name} (empty if
 * there is none). Values are HTML-escaped in HTML bodies, and line breaks are removed from subjects,
 * so no value can inject markup or mail headers. A type without its own template uses
 * {@code notification}.
 */
@ApplicationScoped
public class MailTemplates {
    private static final Logger LOG = Logger.getLogger(MailTemplates.class.getName());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9_]{1,64}");
    static final String FALLBACK = "notification";
    static final String BUILT_IN = "mail/templates/";

    private final Map<String, String> builtIn = new ConcurrentHashMap<>();

    @Inject
    KeywardConfig config;

    /** A rendered message. */
    public record Rendered(String subject, String text, String html) {
    }

    /** Renders {@code type} with {@code values}; unknown types use the generic notification template. */
    public Rendered render(String type, Map<String, String> values) {
        String t = exists(type) ? type : FALLBACK;
        String subject = fill(load(t + ".subject.txt"), values, false).replaceAll("[\\r\\n]+", " ").trim();
        String text = fill(load(t + ".txt"), values, false);
        String html = fill(load(t + ".html"), values, true);
        return new Rendered(subject, text, html);
    }

    /** Whether {@code type} has templates of its own. */
    public boolean exists(String type) {
        return type != null && TYPE_NAME.matcher(type).matches() && loadOrNull(type + ".subject.txt") != null;
    }

    static String fill(String template, Map<String, String> values, boolean html) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String v = values.getOrDefault(m.group(1), "");
            if (v == null) {
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(v) : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private String load(String file) {
        String s = loadOrNull(file);
        if (s == null) {
            throw new IllegalStateException("mail template " + file + " is missing");
        }
        return s;
    }

    private String loadOrNull(String file) {
        String dir = config == null ? "" : config.string(Option.EMAIL_TEMPLATES).trim();
        if (!dir.isEmpty()) {
            Path p = Path.of(dir).resolve(file);
            if (Files.isRegularFile(p)) {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot read mail template " + p + ", using the built-in one: " + e);
                }
            }
        }
        return builtIn.computeIfAbsent(file, f -> {
            try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(BUILT_IN + f)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read built-in mail template " + f, e);
            }
        });
    }
}
