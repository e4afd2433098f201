package io.keyward.mail;

import io.keyward.ops.Deployments;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test archives for the mail tests: the application plus a run ID the in-container methods read, so
 * that the client-side methods of the same test know which recipients to look for.
 */
public final class MailDeployments {
    public static final String RUN_ID_RESOURCE = "keyward-test-run-id.txt";

    private MailDeployments() {
    }

    public static WebArchive withRunId(String name, String runId) {
        WebArchive war = Deployments.keyward(name);
        // GreenMail is not in the archive; its helper must not be either.
        war.deleteClass(TestSmtp.class);
        war.deleteClass(TestSmtp.Mail.class);
        war.addAsResource(new StringAsset(runId), RUN_ID_RESOURCE);
        return war;
    }

    /** In the container: the run ID the archive was built with. */
    public static String runId() {
        try (var in = MailDeployments.class.getClassLoader().getResourceAsStream(RUN_ID_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (Exception e) {
            throw new IllegalStateException("no run ID in the test archive", e);
        }
    }
}
