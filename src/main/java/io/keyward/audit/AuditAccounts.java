package io.keyward.audit;

import java.time.Instant;

/**
 * What the audit trail needs to know of accounts, provided by the users capability (which the audit package
 * may not import): a user ID can be purged and registered again, and the new owner reads only the records
 * about the account it holds.
 */
public interface AuditAccounts {
    /** When the account now named {@code userId} was created; null if there is none. */
    Instant createdAt(String userId);
}
