package io.keyward.mail;

import io.keyward.config.Durations;
import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The SMTP settings of {@code is.email.*}, parsed once per delivery round. The password is kept out
 * of {@link #toString()} and every log line.
 */
public record SmtpSettings(String host, int port, String username, String password, Tls tls, Duration timeout,
                           String senderName, String senderAddress) {

    public enum Tls {
        NONE, STARTTLS, TLS
    }

    /** The settings, or null when mail is not to be delivered ({@code is.email.provider} is not smtp). */
    public static SmtpSettings from(KeywardConfig config) {
        String provider = config.string(Option.EMAIL_PROVIDER).trim().toLowerCase(Locale.ROOT);
        if (!provider.equals("smtp")) {
            return null;
        }
        String address = config.string(Option.EMAIL_SMTP_ADDRESS).trim();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("is.email.provider is smtp but is.email.smtp.address is empty");
        }
        String host;
        int port = 25;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("is.email.smtp.address: invalid address " + address);
            }
            host = address.substring(1, close);
            if (address.length() > close + 1) {
                port = parsePort(address.substring(close + 2), address);
            }
        } else {
            int colon = address.lastIndexOf(':');
            if (colon >= 0) {
                host = address.substring(0, colon);
                port = parsePort(address.substring(colon + 1), address);
            } else {
                host = address;
            }
        }
        Tls tls = switch (config.string(Option.EMAIL_SMTP_TLS).trim().toLowerCase(Locale.ROOT)) {
            case "none", "false", "off", "" -> Tls.NONE;
            case "starttls" -> Tls.STARTTLS;
            case "tls", "ssl", "true" -> Tls.TLS;
            default -> throw new IllegalArgumentException("is.email.smtp.tls must be none, starttls or tls");
        };
        return new SmtpSettings(host, port, config.string(Option.EMAIL_SMTP_USERNAME),
                config.string(Option.EMAIL_SMTP_PASSWORD), tls, Durations.parse(config.string(Option.EMAIL_SMTP_TIMEOUT)),
                config.string(Option.EMAIL_SENDER_NAME), config.string(Option.EMAIL_SENDER_ADDRESS));
    }

    private static int parsePort(String s, String address) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is.email.smtp.address: invalid port in " + address);
        }
    }

    public boolean authenticated() {
        return username != null && !username.isEmpty();
    }

    /** Jakarta Mail session properties for these settings. */
    public Properties sessionProperties() {
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.auth", Boolean.toString(authenticated()));
        if (senderAddress != null && !senderAddress.isBlank()) {
            p.setProperty("mail.smtp.from", senderAddress);
        }
        switch (tls) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
                // Plain SMTP, e.g. a relay on localhost.
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "smtp://" + (authenticated() ? username + ":********@" : "") + host + ":" + port
                + " (tls " + tls.name().toLowerCase(Locale.ROOT) + ")";
    }
}
