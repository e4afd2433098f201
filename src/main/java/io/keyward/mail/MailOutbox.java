package io.keyward.mail;

import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.user.MailRequest;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Writes every {@link MailRequest} to the outbox in the transaction of the change that fired it: the
 * message exists exactly when that change commits, and a background sender delivers it later
 * ({@link MailSender}). The message is rendered here, twice: as it will be sent, and with every secret
 * replaced by {@value #MASK} for the log and the admin view.
 */
@Stateless
public class MailOutbox {
    public static final String MASK = "********";
    private static final Logger LOG = Logger.getLogger(MailOutbox.class.getName());
    /** The secret each template's action link is built from (see mail/templates/README.md). */
    private static final Map<String, String> PRIMARY_SECRET = Map.of(
            "invitation", "token", "validate", "token", "login_token", "token",
            "temporary_password", "temporary_password");

    @Inject
    OutboxStore store;

    @Inject
    MailTemplates templates;

    @Inject
    KeywardConfig config;

    @Inject
    OutboxCipher cipher;

    public void enqueue(@Observes(during = TransactionPhase.IN_PROGRESS) MailRequest request) {
        if (request.recipientEmail() == null || request.recipientEmail().isBlank()) {
            // A programming error, not a reason to fail the user's action: say so loudly.
            LOG.severe("mail " + request.template() + " has no recipient; not queued");
            return;
        }
        add(request);
    }

    /** Renders and stores the message; returns its outbox ID. */
    public long add(MailRequest request) {
        Map<String, String> values = values(request);
        Map<String, String> secrets = new HashMap<>(request.secrets() == null ? Map.of() : request.secrets());
        // The template's link needs its secret under a known name; accept a lone secret under another.
        String primary = PRIMARY_SECRET.get(request.template());
        if (primary != null && !secrets.containsKey(primary) && secrets.size() == 1) {
            secrets.put(primary, secrets.values().iterator().next());
        }
        Map<String, String> real = new HashMap<>(values);
        Map<String, String> masked = new HashMap<>(values);
        secrets.forEach((k, v) -> {
            real.put(k, v == null ? "" : v);
            masked.put(k, MASK);
        });
        MailTemplates.Rendered sent = templates.render(request.template(), real);
        MailTemplates.Rendered shown = templates.render(request.template(), masked);

        Instant now = Timestamps.now();
        MailMessageEntity m = new MailMessageEntity();
        m.template = request.template();
        m.recipient = request.recipientEmail().trim();
        m.recipientName = nullToEmpty(request.recipientName());
        // Subjects carry no secrets by design; the masked one is stored to make sure of it.
        m.subject = shown.subject();
        // The copy as sent carries the secrets: it is kept only encrypted (text_body/html_body stay null).
        OutboxCipher.Sealed sealed = cipher.seal(m.recipient, m.template, sent.text(), sent.html());
        m.sealedBody = sealed.data();
        m.keyId = sealed.keyId();
        m.maskedTextBody = shown.text();
        m.maskedHtmlBody = shown.html();
        m.createdAt = now;
        m.nextAttemptAt = now;
        m.attempts = 0;
        return store.insert(m);
    }

    /** The template values: the network's, the recipient's and the request's (which win). */
    private Map<String, String> values(MailRequest request) {
        Map<String, String> v = new HashMap<>();
        v.put("network_name", config.string(Option.EMAIL_NETWORK_NAME));
        v.put("identity_server_url", trimSlash(config.string(Option.EMAIL_IDENTITY_SERVER_URL)));
        v.put("console_url", trimSlash(config.string(Option.EMAIL_CONSOLE_URL)));
        v.put("recipient_email", nullToEmpty(request.recipientEmail()));
        v.put("notification_type", nullToEmpty(request.template()));
        v.put("entity_type", "user");
        if (request.values() != null) {
            request.values().forEach((k, val) -> v.put(k, nullToEmpty(val)));
        }
        v.putIfAbsent("entity_id", v.getOrDefault("user_id", ""));
        String name = nullToEmpty(request.recipientName());
        if (name.isBlank()) {
            name = v.getOrDefault("recipient_user_id", "");
        }
        if (name.isBlank()) {
            name = nullToEmpty(request.recipientEmail());
        }
        v.put("recipient_name", name);
        return v;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
