package io.keyward.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One message of the mail outbox (table mail_outbox). Never leaves the mail package. */
@Entity
@Table(name = "mail_outbox")
public class MailMessageEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false, updatable = false)
    String template;

    @Column(nullable = false, updatable = false)
    String recipient;

    @Column(name = "recipient_name", nullable = false, updatable = false)
    String recipientName = "";

    @Column(nullable = false, updatable = false)
    String subject;

    @Column(name = "text_body")
    String textBody;

    @Column(name = "html_body")
    String htmlBody;

    @Column(name = "masked_text_body", nullable = false, updatable = false)
    String maskedTextBody;

    @Column(name = "masked_html_body", nullable = false, updatable = false)
    String maskedHtmlBody;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(nullable = false)
    int attempts;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "sent_at")
    Instant sentAt;

    @Column(name = "dead_at")
    Instant deadAt;

    /** base64(nonce || AES-GCM(text, html)); null once delivered, dead or expired. */
    @Column(name = "sealed_body")
    String sealedBody;

    @Column(name = "key_id")
    String keyId;

    @Column(name = "logged_at")
    Instant loggedAt;

    @Column(name = "lease_owner")
    String leaseOwner;

    @Column(name = "lease_until")
    Instant leaseUntil;
}
