package io.keyward.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server for the tests that need a mail server to say no, which GreenMail does not do: it
 * answers every recipient containing {@code rejectMarker} with a permanent {@code 550} and every other
 * with a transient {@code 451}, so that mail of other tests is retried later instead of lost. It never
 * accepts a message. Client side only, on the loopback port the test server delivers to (stop
 * {@link TestSmtp} first).
 */
public final class RejectingSmtp implements AutoCloseable {
    private final ServerSocket socket;
    private final String rejectMarker;
    private final List<String> recipients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public RejectingSmtp(int port, String rejectMarker) throws IOException {
        this.rejectMarker = rejectMarker.toLowerCase(Locale.ROOT);
        this.socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "rejecting-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Every RCPT TO argument seen so far, in order. */
    public List<String> recipients() {
        return List.copyOf(recipients);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> converse(s), "rejecting-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = s.getOutputStream()) {
            reply(out, "220 rejecting-smtp ready");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (cmd) {
                    case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "RCPT" -> {
                        recipients.add(line.substring(4).trim());
                        reply(out, line.toLowerCase(Locale.ROOT).contains(rejectMarker)
                                ? "550 5.1.1 mailbox unavailable" : "451 4.3.0 try again later");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "503 5.5.1 bad sequence");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
