package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HashingAdmissionFilterTest {

    @Test
    void thePasswordRequestsOfTheUsersApiNeedAnAdmission() {
        assertTrue(HashingAdmissionFilter.hashes("POST", "/api/v3/users"));
        assertTrue(HashingAdmissionFilter.hashes("POST", "/api/v3/users/"));
        assertTrue(HashingAdmissionFilter.hashes("PUT", "/api/v3/users/alice/password"));
        assertTrue(HashingAdmissionFilter.hashes("POST", "/api/v3/users/alice/temporary_password"));
    }

    @Test
    void otherRequestsDoNot() {
        assertFalse(HashingAdmissionFilter.hashes("GET", "/api/v3/users"));
        assertFalse(HashingAdmissionFilter.hashes("GET", "/api/v3/users/alice"));
        assertFalse(HashingAdmissionFilter.hashes("PUT", "/api/v3/users/alice"));
        assertFalse(HashingAdmissionFilter.hashes("GET", "/api/v3/users/alice/password"));
        assertFalse(HashingAdmissionFilter.hashes("PUT", "/api/v3/users/alice/temporary_password"));
        assertFalse(HashingAdmissionFilter.hashes("POST", "/api/v3/users//temporary_password"));
        assertFalse(HashingAdmissionFilter.hashes("POST", "/api/v3/users/alice/api-keys"));
        assertFalse(HashingAdmissionFilter.hashes("POST", "/api/v3/usersx"));
    }
}
