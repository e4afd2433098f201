package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTemplatesTest {
    static final List<String> TYPES = List.of("invitation", "temporary_password", "validate", "api_key_created",
            "api_key_changed", "password_changed", "user_requested", "entity_state_changed", "login_token", "notification");

    static KeywardConfig config(Map<Option, String> values) {
        return new KeywardConfig() {
            @Override
            public String string(Option o) {
                return values.getOrDefault(o, o.defaultValue);
            }
        };
    }

    @Test
    void everyTypeHasSubjectTextAndHtml() {
        MailTemplates t = new MailTemplates();
        for (String type : TYPES) {
            assertTrue(t.exists(type), type);
            MailTemplates.Rendered r = t.render(type, Map.of("network_name", "Net", "recipient_name", "Bob",
                    "entity_type", "user"));
            assertFalse(r.subject().isBlank(), type);
            assertFalse(r.subject().contains("{{"), type);
            assertTrue(r.text().contains("Dear Bob,"), type);
            assertTrue(r.html().contains("<p>Dear Bob,</p>"), type);
            assertFalse(r.text().contains("{{") || r.html().contains("{{"), type);
        }
    }

    @Test
    void subjectsAreTheSpecsWithTheNetworkName() {
        MailTemplates t = new MailTemplates();
        Map<String, String> v = Map.of("network_name", "Net", "entity_type", "user");
        assertEquals("You have been invited to join Net", t.render("invitation", v).subject());
        assertEquals("Your temporary password for Net", t.render("temporary_password", v).subject());
        assertEquals("Your login token for Net", t.render("login_token", v).subject());
        assertEquals("Please confirm your email address for Net", t.render("validate", v).subject());
        assertEquals("Your password on Net has been changed", t.render("password_changed", v).subject());
        assertEquals("A new user has requested to join Net", t.render("user_requested", v).subject());
        assertEquals("A new API key has been created for your user", t.render("api_key_created", v).subject());
        assertEquals("An API key of your user has been changed", t.render("api_key_changed", v).subject());
        assertEquals("The state of your user has been changed", t.render("entity_state_changed", v).subject());
    }

    @Test
    void linksCarryTheValues() {
        MailTemplates t = new MailTemplates();
        MailTemplates.Rendered r = t.render("validate", Map.of("identity_server_url", "https://is.example/oauth",
                "reference", "REF", "token", "TOK"));
        assertTrue(r.text().contains("https://is.example/oauth/validate?reference=REF&token=TOK"), r.text());
        assertTrue(r.html().contains("href=\"https://is.example/oauth/validate?reference=REF&amp;token=TOK\""), r.html());
    }

    @Test
    void htmlValuesAreEscapedAndSubjectsAreOneLine() {
        MailTemplates t = new MailTemplates();
        MailTemplates.Rendered r = t.render("invitation", Map.of("recipient_name", "<script>alert('x')</script>",
                "network_name", "A&B\r\nBcc: evil@example.com"));
        assertFalse(r.html().contains("<script>"), r.html());
        assertTrue(r.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), r.html());
        assertTrue(r.html().contains("A&amp;B"), r.html());
        assertFalse(r.subject().contains("\n") || r.subject().contains("\r"), r.subject());
        // The plain text body is text: it shows the name as written.
        assertTrue(r.text().contains("<script>alert('x')</script>"));
    }

    @Test
    void unknownTypesUseTheNotificationTemplate() {
        MailTemplates t = new MailTemplates();
        assertFalse(t.exists("client_requested"));
        assertFalse(t.exists("../etc/passwd"));
        MailTemplates.Rendered r = t.render("client_requested", Map.of("network_name", "Net",
                "notification_type", "client_requested"));
        assertEquals("New notification from Net: client_requested", r.subject());
    }

    @Test
    void filesInTheTemplateDirectoryOverrideTheBuiltInOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("invitation.subject.txt"), "Join {{network_name}} now");
        Files.writeString(dir.resolve("invitation.html"), "<b>{{recipient_name}}</b>");
        MailTemplates t = new MailTemplates();
        t.config = config(Map.of(Option.EMAIL_TEMPLATES, dir.toString()));
        MailTemplates.Rendered r = t.render("invitation", Map.of("network_name", "Net", "recipient_name", "<i>"));
        assertEquals("Join Net now", r.subject());
        assertEquals("<b>&lt;i&gt;</b>", r.html());
        // Not overridden: the built-in text body.
        assertTrue(r.text().startsWith("Dear <i>,"), r.text());
    }
}
