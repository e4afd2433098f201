package io.keyward.authn;

import io.keyward.rights.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Sends the caller's warnings (restricted rights, API.md §2.5) as one {@code X-Warning} header each. */
@Provider
public class WarningHeaderFilter implements ContainerResponseFilter {
    @Inject
    CallerContext callerContext;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        for (String warning : callerContext.caller().warnings()) {
            response.getHeaders().add("X-Warning", warning);
        }
    }
}
