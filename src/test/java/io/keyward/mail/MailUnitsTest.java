package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.config.KeywardConfig.Option;
import io.keyward.crypto.Secrets;
import io.keyward.entity.EmailAddresses;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens, addresses, SMTP settings, back-off and log sanitising. */
class MailUnitsTest {

    @Test
    void tokensAreBase32OfTheSpecsLengths() {
        String t = Secrets.token();
        assertEquals(52, t.length());
        assertTrue(t.matches("[A-Z2-7]{52}"), t);
        assertEquals(39, Secrets.randomBase32(24).length());
        assertNotEquals(t, Secrets.token());
        assertEquals("MZXW6YTBOI", Secrets.base32("foobar".getBytes()));
        assertEquals(64, Secrets.sha256("x").length());
        assertTrue(Secrets.constantTimeEquals("abc", "abc"));
        assertFalse(Secrets.constantTimeEquals("abc", "abd"));
        assertFalse(Secrets.constantTimeEquals(null, "abd"));
    }

    @Test
    void emailRuleOne() {
        for (String ok : new String[] {"bob@example.com", "user@localhost", "Bob <bob@example.com>",
                "a.b+c@sub.Example.org", "\"quoted local\"@example.com"}) {
            assertTrue(EmailAddresses.isValid(ok), ok);
        }
        for (String bad : new String[] {"", "bob", "@example.com", "bob@", "bob@-example.com", "bob@exa_mple.com",
                "bob@example..com", "b..ob@example.com", "bob@example.com>", "x".repeat(65) + "@example.com",
                "bob@" + "a".repeat(64) + ".com"}) {
            assertFalse(EmailAddresses.isValid(bad), bad);
        }
    }

    @Test
    void smtpSettingsFromTheOptions() {
        assertNull(SmtpSettings.from(MailTemplatesTest.config(Map.of())), "no provider: no delivery");
        SmtpSettings s = SmtpSettings.from(MailTemplatesTest.config(Map.of(Option.EMAIL_PROVIDER, "smtp",
                Option.EMAIL_SMTP_ADDRESS, "mail.example.com:587", Option.EMAIL_SMTP_USERNAME, "keyward",
                Option.EMAIL_SMTP_PASSWORD, "s3cret-pw")));
        assertEquals("mail.example.com", s.host());
        assertEquals(587, s.port());
        assertEquals(SmtpSettings.Tls.STARTTLS, s.tls());
        assertEquals("true", s.sessionProperties().getProperty("mail.smtp.starttls.required"));
        assertEquals("true", s.sessionProperties().getProperty("mail.smtp.auth"));
        assertFalse(s.toString().contains("s3cret-pw"), s.toString());
        assertFalse(s.sessionProperties().toString().contains("s3cret-pw"));

        SmtpSettings v6 = SmtpSettings.from(MailTemplatesTest.config(Map.of(Option.EMAIL_PROVIDER, "smtp",
                Option.EMAIL_SMTP_ADDRESS, "[::1]:465", Option.EMAIL_SMTP_TLS, "tls")));
        assertEquals("::1", v6.host());
        assertEquals(465, v6.port());
        assertEquals("true", v6.sessionProperties().getProperty("mail.smtp.ssl.enable"));
        assertEquals("false", v6.sessionProperties().getProperty("mail.smtp.auth"));

        assertEquals(25, SmtpSettings.from(MailTemplatesTest.config(Map.of(Option.EMAIL_PROVIDER, "smtp",
                Option.EMAIL_SMTP_ADDRESS, "relay"))).port());
        assertThrows(IllegalArgumentException.class, () -> SmtpSettings.from(MailTemplatesTest.config(Map.of(
                Option.EMAIL_PROVIDER, "smtp"))));
        assertThrows(IllegalArgumentException.class, () -> SmtpSettings.from(MailTemplatesTest.config(Map.of(
                Option.EMAIL_PROVIDER, "smtp", Option.EMAIL_SMTP_ADDRESS, "relay:99999"))));
        assertThrows(IllegalArgumentException.class, () -> SmtpSettings.from(MailTemplatesTest.config(Map.of(
                Option.EMAIL_PROVIDER, "smtp", Option.EMAIL_SMTP_ADDRESS, "relay", Option.EMAIL_SMTP_TLS, "maybe"))));
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        Duration i = Duration.ofSeconds(30);
        Duration max = Duration.ofHours(1);
        assertEquals(Duration.ofSeconds(30), MailSender.backoff(1, i, max));
        assertEquals(Duration.ofSeconds(60), MailSender.backoff(2, i, max));
        assertEquals(Duration.ofSeconds(240), MailSender.backoff(4, i, max));
        assertEquals(max, MailSender.backoff(10, i, max));
        assertEquals(max, MailSender.backoff(1000, i, max));
    }

    @Test
    void errorsAreSanitised() {
        String token = Secrets.token();
        String s = MailSender.sanitize("535 auth failed for pw hunter2-pw\r\nlink ?token=" + token, "hunter2-pw");
        assertFalse(s.contains("hunter2-pw"), s);
        assertFalse(s.contains(token), s);
        assertFalse(s.contains("\n"), s);
        assertTrue(MailSender.sanitize("x".repeat(5000), null).length() <= 1000);
    }

    /** Shaped like Jakarta Mail's SMTPAddressFailedException: an SMTP reply code by getReturnCode(). */
    static class Rejected extends jakarta.mail.MessagingException {
        private final int code;

        Rejected(int code) {
            super(code + " rejected");
            this.code = code;
        }

        public int getReturnCode() {
            return code;
        }
    }

    @Test
    void permanentRejectionsAndTheLastAttemptDeadLetter() {
        assertTrue(MailSender.deadLetter(1, 10, 550), "5xx: at once");
        assertTrue(MailSender.deadLetter(1, 10, 554));
        assertFalse(MailSender.deadLetter(1, 10, 451), "4xx is transient");
        assertFalse(MailSender.deadLetter(9, 10, -1));
        assertTrue(MailSender.deadLetter(10, 10, -1), "out of attempts");
        assertTrue(MailSender.deadLetter(1, 0, -1), "at least one attempt, never unbounded");
    }

    @Test
    void theReplyCodeIsFoundWhereJakartaMailChainsIt() {
        jakarta.mail.SendFailedException outer = new jakarta.mail.SendFailedException("Invalid Addresses",
                new Rejected(550));
        assertEquals(550, MailSender.smtpReplyCode(outer));
        assertEquals(451, MailSender.smtpReplyCode(new RuntimeException("wrapped", new Rejected(451))));
        assertEquals(-1, MailSender.smtpReplyCode(new jakarta.mail.MessagingException("connect",
                new java.net.ConnectException("refused"))));
    }
}
