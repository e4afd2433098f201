package io.keyward.notification;

import io.keyward.user.MailRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test observer: records the mail requests that committed, so tests can check what would be mailed. */
@ApplicationScoped
public class MailRecorder {
    private final List<MailRequest> sent = new CopyOnWriteArrayList<>();

    void onMail(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailRequest request) {
        if (sent.size() < 10_000) {
            sent.add(request);
        }
    }

    public List<MailRequest> to(String email) {
        return sent.stream().filter(m -> email.equals(m.recipientEmail())).toList();
    }
}
