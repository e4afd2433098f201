package io.keyward.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Sends one outbox message over SMTP with Jakarta Mail; returns only once the server accepted it. */
final class SmtpMailer {
    static final String OUTBOX_ID_HEADER = "X-Keyward-Outbox-Id";

    private final SmtpSettings settings;
    private final Session session;

    SmtpMailer(SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(settings.sessionProperties());
    }

    void send(OutboxStore.Claimed m) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(settings.senderAddress(), settings.senderName(), "UTF-8"));
            String name = m.recipientName() == null ? "" : m.recipientName();
            message.setRecipient(Message.RecipientType.TO, name.isBlank()
                    ? new InternetAddress(m.recipient(), true)
                    : new InternetAddress(m.recipient(), name, "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode address", e);
        }
        message.setSubject(m.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader(OUTBOX_ID_HEADER, Long.toString(m.id()));

        MimeBodyPart text = new MimeBodyPart();
        text.setText(m.text() == null ? "" : m.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(m.html() == null ? "" : m.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();

        try (Transport transport = session.getTransport("smtp")) {
            if (settings.authenticated()) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
            // Returns after the server answered the DATA command with success: it has the message.
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
