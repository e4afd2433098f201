package io.keyward.mail;

import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.user.MailRequest;
import io.keyward.wire.Timestamps;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Delivers the outbox: on every node, every {@code is.email.outbox.poll-interval} and right after a
 * transaction that queued mail commits, it claims due messages one at a time, sends each over SMTP
 * and marks it sent only after the server accepted it. A failure schedules a retry with exponential
 * back-off ({@code retry-initial} doubling up to {@code retry-max}) until {@code max-attempts}; a permanent
 * rejection (5xx) or the last attempt dead-letters the message (kept with its error, never sent again).
 * With no provider configured, each message is written to the log once, secrets masked, and stays
 * queued until {@code is.email.outbox.expiry}.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailSender {
    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
    private static final int BATCH = 20;
    private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Z2-7]{24,}");

    @Resource
    ManagedScheduledExecutorService executor;

    @EJB
    OutboxStore store;

    @Inject
    KeywardConfig config;

    @Inject
    OutboxCipher cipher;

    @Inject
    OutboxMetrics metrics;

    /** This node's identity in lease_owner (one per application start). */
    final String node = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile String lastConfigProblem;
    private ScheduledFuture<?> schedule;
    private volatile Instant nextPurge = Instant.EPOCH;

    @PostConstruct
    void start() {
        Duration poll = config.duration(Option.EMAIL_OUTBOX_POLL_INTERVAL);
        long millis = Math.max(100, poll.toMillis());
        schedule = executor.scheduleWithFixedDelay(this::drain, millis, millis, TimeUnit.MILLISECONDS);
        String mode;
        try {
            SmtpSettings s = SmtpSettings.from(config);
            mode = s == null ? "no provider: messages stay in the outbox and are logged with secrets masked" : s.toString();
        } catch (IllegalArgumentException e) {
            mode = "misconfigured: " + e.getMessage();
        }
        LOG.info("mail outbox sender started, polling every " + millis + " ms; delivery: " + mode);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
        // Let a message being sent finish and be marked, rather than leave it leased (and unsent) until
        // the lease runs out; bounded so that a hung SMTP server cannot hold up the shutdown.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (running.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Whatever this node still holds (claimed and not sent, or stuck in a send past the wait) goes
        // back now, so that another node delivers it without waiting for the lease to run out.
        try {
            int released = store.releaseAll(node);
            if (released > 0) {
                LOG.info("mail outbox: released " + released + " message(s) this node had claimed but not sent");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mail outbox: could not release this node's leases; they run out after is.email.outbox.lease: "
                    + sanitize(e.toString(), null));
        }
    }

    /** After a transaction that queued mail committed: deliver now rather than at the next poll. */
    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailRequest request) {
        if (!stopping) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                // The executor refuses work while the application stops; the next start delivers.
                LOG.log(Level.FINE, "cannot schedule mail delivery now", e);
            }
        }
    }

    /** One delivery round; concurrent calls on one node coalesce into another round. */
    void drain() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                round();
            } while (again.get() && !stopping);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mail delivery round failed; retrying at the next poll: " + sanitize(e.toString(), null));
        } finally {
            running.set(false);
        }
    }

    void round() {
        purgeOld();
        SmtpSettings settings;
        try {
            settings = SmtpSettings.from(config);
            lastConfigProblem = null;
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals(lastConfigProblem)) {
                LOG.severe("mail not delivered: " + e.getMessage());
                lastConfigProblem = e.getMessage();
            }
            return;
        }
        if (settings == null) {
            logUndeliverable();
            return;
        }
        SmtpMailer mailer = new SmtpMailer(settings);
        while (!stopping) {
            List<Long> due = store.due(Timestamps.now(), BATCH, cipher.keyIds());
            if (due.isEmpty()) {
                return;
            }
            int claimed = 0;
            for (Long id : due) {
                if (stopping) {
                    return;
                }
                Instant now = Timestamps.now();
                Optional<OutboxStore.Claimed> c = store.claim(id, node, now, now.plus(config.duration(Option.EMAIL_OUTBOX_LEASE)));
                if (c.isEmpty()) {
                    continue;
                }
                claimed++;
                if (stopping) {
                    store.release(id, node);
                    return;
                }
                if (!deliver(mailer, settings, c.get())) {
                    // The server is unreachable: the other due messages would fail the same way.
                    return;
                }
            }
            if (claimed == 0) {
                return;
            }
        }
    }

    /**
     * At most once a minute per node: dead-letters unsent messages older than the expiry (their tokens
     * are no longer good, and without a provider nothing would ever take them out) and drops delivered
     * and dead messages older than the retention, so the outbox cannot grow without bound.
     */
    private void purgeOld() {
        Instant now = Timestamps.now();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(Duration.ofMinutes(1));
        sealClearCopies();
        Duration expiry = config.duration(Option.EMAIL_OUTBOX_EXPIRY);
        if (!expiry.isZero()) {
            int n = store.expireUnsent(now.minus(expiry), now);
            if (n > 0) {
                LOG.warning(n + " unsent messages older than " + expiry + " dead-lettered (is.email.outbox.expiry)");
            }
        }
        Duration retention = config.duration(Option.EMAIL_OUTBOX_RETENTION);
        if (!retention.isZero()) {
            int n = store.purgeSent(now.minus(retention));
            if (n > 0) {
                LOG.info("removed " + n + " delivered or dead messages older than " + retention + " from the mail outbox");
            }
        }
    }

    /** Encrypts the bodies of unsent messages an older version stored in clear (after an upgrade). */
    void sealClearCopies() {
        List<OutboxStore.Claimed> clear = store.clearCopies(BATCH);
        int n = 0;
        while (!clear.isEmpty() && !stopping) {
            for (OutboxStore.Claimed m : clear) {
                OutboxCipher.Sealed sealed = cipher.seal(m.recipient(), m.template(), m.text(), m.html());
                store.sealClear(m.id(), sealed.keyId(), sealed.data());
                n++;
            }
            clear = store.clearCopies(BATCH);
        }
        if (n > 0) {
            LOG.info("mail outbox: encrypted the bodies of " + n + " unsent message(s) stored in clear by an older version");
        }
    }

    /** Sends one claimed message; false if the SMTP server could not be reached at all. */
    private boolean deliver(SmtpMailer mailer, SmtpSettings settings, OutboxStore.Claimed claimed) {
        OutboxStore.Claimed m = claimed;
        if (claimed.sealed() != null) {
            try {
                OutboxCipher.Bodies b = cipher.open(claimed.keyId(), claimed.sealed(), claimed.recipient(), claimed.template());
                m = claimed.opened(b.text(), b.html());
            } catch (java.security.GeneralSecurityException e) {
                // Altered or sealed under a key this node no longer has: it can never be sent as written.
                store.markDead(claimed.id(), node, Timestamps.now(), "cannot decrypt the message: " + e.getMessage());
                metrics.delivered(OutboxMetrics.Delivery.DEAD);
                LOG.severe("mail #" + claimed.id() + " dead-lettered: cannot decrypt it (" + e.getMessage() + ")");
                return true;
            }
        }
        try {
            mailer.send(m);
        } catch (Exception e) {
            String error = sanitize(describe(e), settings.password());
            int code = smtpReplyCode(e);
            int max = config.integer(Option.EMAIL_OUTBOX_MAX_ATTEMPTS);
            if (deadLetter(m.attempts(), max, code)) {
                store.markDead(m.id(), node, Timestamps.now(), error);
                metrics.delivered(OutboxMetrics.Delivery.DEAD);
                LOG.warning("mail #" + m.id() + " to " + m.recipient() + " dead-lettered after attempt " + m.attempts()
                        + (code >= 500 ? " (permanent rejection)" : " of " + max) + ", never sent again: " + error);
                return true;
            }
            Instant next = Timestamps.now().plus(backoff(m.attempts()));
            store.markFailed(m.id(), node, next, error);
            metrics.delivered(OutboxMetrics.Delivery.FAILED);
            LOG.warning("mail #" + m.id() + " to " + m.recipient() + " not delivered (attempt " + m.attempts()
                    + "), next attempt at " + Timestamps.format(next) + ": " + error);
            return !unreachable(e);
        }
        store.markSent(m.id(), Timestamps.now());
        metrics.delivered(OutboxMetrics.Delivery.SENT);
        LOG.info("mail #" + m.id() + " delivered to " + m.recipient());
        return true;
    }

    /**
     * Whether a failed attempt ends the message: a permanent SMTP rejection (5xx reply, RFC 5321 §4.2.1)
     * at once, anything else once {@code attempts} reached {@code maxAttempts}.
     */
    static boolean deadLetter(int attempts, int maxAttempts, int smtpReplyCode) {
        return (smtpReplyCode >= 500 && smtpReplyCode < 600) || attempts >= Math.max(1, maxAttempts);
    }

    /**
     * The SMTP reply code carried by the failure, or -1. Jakarta Mail's SMTP provider reports rejected
     * commands (MAIL, RCPT, DATA) as exceptions with {@code getReturnCode()} (SMTPSendFailedException,
     * SMTPAddressFailedException), chained as the next exception of a SendFailedException; the provider's
     * classes differ by implementation (com.sun.mail, org.eclipse.angus.mail), so the code is read by name.
     * Authentication failures carry none and stay retryable: fixing the configuration must not find the
     * mail dead-lettered.
     */
    static int smtpReplyCode(Throwable e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            try {
                Object code = t.getClass().getMethod("getReturnCode").invoke(t);
                if (code instanceof Integer c && c > 0) {
                    return c;
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not an SMTP reply
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof jakarta.mail.MessagingException me && me.getNextException() != null) {
                todo.add(me.getNextException());
            }
        }
        return -1;
    }

    /** retry-initial x 2^(attempts-1), at most retry-max. */
    Duration backoff(int attempts) {
        Duration initial = config.duration(Option.EMAIL_OUTBOX_RETRY_INITIAL);
        Duration max = config.duration(Option.EMAIL_OUTBOX_RETRY_MAX);
        return backoff(attempts, initial, max);
    }

    static Duration backoff(int attempts, Duration initial, Duration max) {
        int shift = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 || d.isNegative() ? max : d;
    }

    private void logUndeliverable() {
        List<Long> batch = store.unlogged(BATCH);
        while (!batch.isEmpty() && !stopping) {
            for (Long id : batch) {
                store.claimForLog(id, Timestamps.now()).ifPresent(m -> LOG.warning("mail #" + m.id()
                        + " not sent, no e-mail provider configured (is.email.provider); it stays in the outbox."
                        + " To: " + m.recipient() + " Subject: " + m.subject() + "\n" + m.maskedText()));
            }
            batch = store.unlogged(BATCH);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            out.append(": ").append(e.getMessage().trim());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            out.append(" (").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                out.append(": ").append(cause.getMessage().trim());
            }
            out.append(')');
        }
        return out.toString();
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c.getClass().getSimpleName().equals("MailConnectException")) {
                return true;
            }
        }
        return false;
    }

    /** What may be stored as last_error or logged: no password, nothing that looks like a token, short. */
    static String sanitize(String text, String password) {
        String s = text == null ? "" : text;
        if (password != null && !password.isEmpty()) {
            s = s.replace(password, MailOutbox.MASK);
        }
        s = TOKEN_LIKE.matcher(s).replaceAll(MailOutbox.MASK).replaceAll("[\\r\\n]+", " ");
        return s.length() > 1000 ? s.substring(0, 997) + "..." : s;
    }
}
