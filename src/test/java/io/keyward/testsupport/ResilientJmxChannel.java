package io.keyward.testsupport;

import java.io.IOException;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.StopContainer;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian drives the server that the build started through Liberty's local JMX connector (RMI).
 * On the shared 2-core machines that RMI channel sometimes drops ("connection reset", then
 * "connection refused") although the server is fine. A deploy or undeploy that fails that way is
 * retried once on a fresh JMX connection; closing the connection at the end of the suite may fail
 * without failing the suite. Any other failure (a deployment error, a failing test) still fails.
 */
public class ResilientJmxChannel implements LoadableExtension {
    private static final Logger LOG = Logger.getLogger(ResilientJmxChannel.class.getName());

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(ResilientJmxChannel.class);
    }

    public void deploy(@Observes EventContext<DeployDeployment> context) throws Exception {
        retryOnce(context, context.getEvent().getContainer(), "deploy");
    }

    public void undeploy(@Observes EventContext<UnDeployDeployment> context) throws Exception {
        retryOnce(context, context.getEvent().getContainer(), "undeploy");
    }

    public void stop(@Observes EventContext<StopContainer> context) {
        try {
            context.proceed();
        } catch (Exception e) { // Arquillian rethrows checked exceptions unchecked
            LOG.warning("closing the JMX connection to the test server failed (tests are unaffected): " + e);
        }
    }

    private static void retryOnce(EventContext<?> context, Container container, String what) throws Exception {
        try {
            context.proceed();
        } catch (Exception e) {
            if (!isChannelFailure(e)) {
                throw e;
            }
            LOG.warning(what + " failed on the JMX channel (" + rootMessage(e) + "); reconnecting and retrying once");
            DeployableContainer<?> jmx = container.getDeployableContainer();
            try {
                jmx.stop();
            } catch (Exception ignored) {
                // The old connection is already broken.
            }
            jmx.start();
            context.proceed();
        }
    }

    private static boolean isChannelFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.rmi.RemoteException || c instanceof java.net.SocketException
                    || (c instanceof IOException && String.valueOf(c.getMessage()).contains("onnection"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.toString();
    }
}
