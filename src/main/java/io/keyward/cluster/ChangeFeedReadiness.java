package io.keyward.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while this node hears of every change (or is the only node, on H2). */
@Readiness
@ApplicationScoped
public class ChangeFeedReadiness implements HealthCheck {
    @Inject
    ChangeFeed feed;

    @Inject
    ChangeAnnouncer announcer;

    @Override
    public HealthCheckResponse call() {
        ChangeFeed.State state = feed.state();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("change-feed").status(feed.copiesCurrent())
                .withData("state", state.name().toLowerCase(java.util.Locale.ROOT));
        if (state != ChangeFeed.State.SINGLE_NODE) {
            // Not a reason to be unready (the TTL bounds what they leave behind), but worth an operator's look.
            b.withData("announcements_lost", announcer.lost());
        }
        String error = feed.lastError();
        if (error != null && !feed.copiesCurrent()) {
            b.withData("error", error.length() > 200 ? error.substring(0, 200) : error);
        }
        return b.build();
    }
}
