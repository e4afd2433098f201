/**
 * Keyward: The Things Stack's user APIs as a Jakarta EE application. This package holds only the JAX-RS
 * application ({@code /api/v3}). Packages, lowest first; each one's {@code package-info} names what it
 * may import, and {@code ArchitectureTest} holds every package to it (and to no cycles):
 * <pre>
 * error, config, store, cluster  nothing of ours (cluster: the nodes' change feed)
 * wire                           the JSON wire format
 * crypto, entity                 hashing, tokens, secrets; what every entity shares (IDs, state, addresses)
 * rights                         Right(s), Caller, rights on an entity
 * user                           the users capability and the events it raises
 * apikey, invitation, contactinfo  capabilities about a user
 * notification, mail             consumers of events (imported by no capability)
 * authn                          authentication: mechanism, credentials, OAuth, SSO
 * scim                           SCIM 2.0 provisioning at /scim/v2, with its own credential
 * http                           the HTTP edge: error bodies, exception mappers, request log
 * ops                            start-up and health
 * </pre>
 *
 * <p>May import: nothing of ours.
 */
package io.keyward;
