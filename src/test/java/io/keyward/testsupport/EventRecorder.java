package io.keyward.testsupport;

import io.keyward.user.MailRequest;
import io.keyward.user.NotificationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only observer (in-container test archives): records the mails and notifications fired and committed. */
@ApplicationScoped
public class EventRecorder {
    public static final List<MailRequest> MAILS = new CopyOnWriteArrayList<>();
    public static final List<NotificationRequest> NOTIFICATIONS = new CopyOnWriteArrayList<>();

    void mail(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailRequest m) {
        MAILS.add(m);
    }

    void notification(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationRequest n) {
        NOTIFICATIONS.add(n);
    }
}
