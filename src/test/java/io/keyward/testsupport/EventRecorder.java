package io.keyward.testsupport;

import io.keyward.user.EmailValidationRequested;
import io.keyward.user.InvitationTokenUsed;
import io.keyward.user.MailRequest;
import io.keyward.user.NotificationRequest;
import io.keyward.user.UserCredentialsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The one event recorder of the in-container tests (every test archive holds it): the side-effect events as
 * they are fired inside a transaction (whether it commits or not), and the mails and notifications whose
 * transaction committed. Tests inject it; they reach it through a CDI proxy, so only methods, no fields.
 */
@ApplicationScoped
public class EventRecorder {
    /** A bound, so that a long test run cannot grow the lists without end. */
    private static final int MAX = 10_000;

    private final List<MailRequest> mails = new CopyOnWriteArrayList<>();
    private final List<MailRequest> committedMails = new CopyOnWriteArrayList<>();
    private final List<NotificationRequest> notifications = new CopyOnWriteArrayList<>();
    private final List<NotificationRequest> committedNotifications = new CopyOnWriteArrayList<>();
    private final List<UserCredentialsChanged> credentials = new CopyOnWriteArrayList<>();
    private final List<InvitationTokenUsed> invitations = new CopyOnWriteArrayList<>();
    private final List<EmailValidationRequested> validations = new CopyOnWriteArrayList<>();

    void mail(@Observes(during = TransactionPhase.IN_PROGRESS) MailRequest m) {
        add(mails, m);
    }

    void committedMail(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailRequest m) {
        add(committedMails, m);
    }

    void notification(@Observes(during = TransactionPhase.IN_PROGRESS) NotificationRequest n) {
        add(notifications, n);
    }

    void committedNotification(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationRequest n) {
        add(committedNotifications, n);
    }

    void credentials(@Observes(during = TransactionPhase.IN_PROGRESS) UserCredentialsChanged c) {
        add(credentials, c);
    }

    void validation(@Observes(during = TransactionPhase.IN_PROGRESS) EmailValidationRequested v) {
        add(validations, v);
    }

    // Runs before the invitation component's observer (default priority is lower), so a refused token is recorded too.
    void invitation(@Observes(during = TransactionPhase.IN_PROGRESS) InvitationTokenUsed i) {
        add(invitations, i);
    }

    private static <T> void add(List<T> list, T item) {
        if (list.size() < MAX) {
            list.add(item);
        }
    }

    public List<MailRequest> mails() {
        return List.copyOf(mails);
    }

    public List<MailRequest> mailsTo(String template, String email) {
        return mails.stream().filter(m -> m.template().equals(template) && m.recipientEmail().equals(email)).toList();
    }

    /** Mails of committed transactions only (a rolled-back action mails nothing). */
    public List<MailRequest> committedMailsTo(String email) {
        return committedMails.stream().filter(m -> email.equals(m.recipientEmail())).toList();
    }

    public List<MailRequest> committedMails(Predicate<MailRequest> which) {
        return committedMails.stream().filter(which).toList();
    }

    public List<NotificationRequest> notificationsAbout(String userId, String type) {
        return notifications.stream().filter(n -> n.entityUserId().equals(userId) && n.notificationType().equals(type)).toList();
    }

    /** Notifications of committed transactions only. */
    public List<NotificationRequest> committedNotificationsAbout(String userId) {
        return committedNotifications.stream().filter(n -> userId.equals(n.entityUserId())).toList();
    }

    public List<UserCredentialsChanged> credentials() {
        return List.copyOf(credentials);
    }

    public List<InvitationTokenUsed> invitations() {
        return List.copyOf(invitations);
    }

    public List<EmailValidationRequested> validationsOf(String userId, String address) {
        return validations.stream().filter(v -> v.userId().equals(userId) && v.address().equals(address)).toList();
    }
}
