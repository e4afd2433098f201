package io.keyward.user;

import io.keyward.error.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the side-effect events of the user component inside the test archive, the way the mail,
 * notification and auth components observe them (in the transaction). Stands in for the invitation
 * component for one token, {@link #UNKNOWN_TOKEN}, which it refuses as that component would.
 */
@ApplicationScoped
public class CapturedEvents {
    public static final String UNKNOWN_TOKEN = "keyward-users-it-unknown-invitation-token";

    private final List<MailRequest> mails = new CopyOnWriteArrayList<>();
    private final List<NotificationRequest> notifications = new CopyOnWriteArrayList<>();
    private final List<UserCredentialsChanged> credentials = new CopyOnWriteArrayList<>();
    private final List<InvitationTokenUsed> invitations = new CopyOnWriteArrayList<>();
    private final List<EmailValidationRequested> validations = new CopyOnWriteArrayList<>();

    void mail(@Observes(during = TransactionPhase.IN_PROGRESS) MailRequest m) {
        mails.add(m);
    }

    void notification(@Observes(during = TransactionPhase.IN_PROGRESS) NotificationRequest n) {
        notifications.add(n);
    }

    void credentials(@Observes(during = TransactionPhase.IN_PROGRESS) UserCredentialsChanged c) {
        credentials.add(c);
    }

    void validation(@Observes(during = TransactionPhase.IN_PROGRESS) EmailValidationRequested v) {
        validations.add(v);
    }

    void invitation(@Observes(during = TransactionPhase.IN_PROGRESS) InvitationTokenUsed i) {
        invitations.add(i);
        if (UNKNOWN_TOKEN.equals(i.token())) {
            throw Errors.INVITATION_NOT_FOUND.error("invitation_token", i.token());
        }
    }

    // Tests reach this bean through a CDI proxy: fields of a proxy are not the bean's, so only methods.
    List<MailRequest> mails() {
        return List.copyOf(mails);
    }

    List<UserCredentialsChanged> credentials() {
        return List.copyOf(credentials);
    }

    List<InvitationTokenUsed> invitations() {
        return List.copyOf(invitations);
    }

    List<MailRequest> mailsTo(String template, String email) {
        return mails.stream().filter(m -> m.template().equals(template) && m.recipientEmail().equals(email)).toList();
    }

    List<EmailValidationRequested> validationsOf(String userId, String address) {
        return validations.stream().filter(v -> v.userId().equals(userId) && v.address().equals(address)).toList();
    }

    List<NotificationRequest> notificationsAbout(String userId, String type) {
        return notifications.stream().filter(n -> n.entityUserId().equals(userId) && n.notificationType().equals(type)).toList();
    }
}
