package io.keyward.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real SMTP server of the integration tests (GreenMail, in the test JVM, on the loopback port the
 * test server is configured to deliver to). One per test JVM, started on first use; it can be stopped
 * and started again to simulate an outage. Messages received before a stop are kept.
 * Client side only: never call it from an in-container test.
 */
public final class TestSmtp {
    public static final int PORT = Integer.getInteger("keyward.smtp.port", 11025);
    private static GreenMail server;
    private static final List<Mail> archive = new ArrayList<>();

    /** A received message, decoded. */
    public record Mail(List<String> to, String from, String subject, String text, String html, String outboxId) {
        /** The first match of {@code regex}'s group 1 in the text body, or null. */
        public String find(String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            return m.find() ? m.group(1) : null;
        }
    }

    private TestSmtp() {
    }

    public static synchronized void start() {
        if (server == null) {
            GreenMail g = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            g.start();
            server = g;
        }
    }

    public static synchronized void stop() {
        if (server != null) {
            archive.addAll(decode(server.getReceivedMessages()));
            server.stop();
            server = null;
        }
    }

    public static synchronized boolean running() {
        return server != null;
    }

    public static synchronized List<Mail> all() {
        List<Mail> out = new ArrayList<>(archive);
        if (server != null) {
            out.addAll(decode(server.getReceivedMessages()));
        }
        return out;
    }

    public static List<Mail> to(String address) {
        return all().stream().filter(m -> m.to().stream().anyMatch(a -> a.equalsIgnoreCase(address))).toList();
    }

    /** Waits until {@code address} has at least {@code count} messages or the deadline passes; returns them. */
    public static List<Mail> await(String address, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Mail> got = to(address);
        while (got.size() < count && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            got = to(address);
        }
        return got;
    }

    public static List<Mail> await(String address) {
        return await(address, 1, Duration.ofSeconds(90));
    }

    private static List<Mail> decode(MimeMessage[] messages) {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : messages) {
            try {
                List<String> to = new ArrayList<>();
                Address[] rcpt = m.getRecipients(Message.RecipientType.TO);
                for (Address a : rcpt == null ? new Address[0] : rcpt) {
                    to.add(((InternetAddress) a).getAddress());
                }
                String text = "";
                String html = "";
                Object content = m.getContent();
                if (content instanceof Multipart mp) {
                    for (int i = 0; i < mp.getCount(); i++) {
                        BodyPart p = mp.getBodyPart(i);
                        if (p.isMimeType("text/plain")) {
                            text = (String) p.getContent();
                        } else if (p.isMimeType("text/html")) {
                            html = (String) p.getContent();
                        }
                    }
                } else {
                    text = String.valueOf(content);
                }
                String[] id = m.getHeader("X-Keyward-Outbox-Id");
                out.add(new Mail(to, Arrays.toString(m.getFrom()), m.getSubject(), text, html,
                        id == null ? null : id[0]));
            } catch (Exception e) {
                throw new IllegalStateException("cannot decode a received message", e);
            }
        }
        return out;
    }
}
