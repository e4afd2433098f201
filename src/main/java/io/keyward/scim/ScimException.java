package io.keyward.scim;

import io.keyward.error.GrpcCode;
import io.keyward.error.KeywardException;
import jakarta.ejb.ApplicationException;

/**
 * A SCIM error response (RFC 7644 §3.12): HTTP status, optional {@code scimType}, detail. Also thrown inside
 * the provisioning transaction (a PATCH operation, an If-Match check): it rolls that back and reaches the
 * servlet unwrapped.
 */
@ApplicationException(rollback = true)
final class ScimException extends RuntimeException {
    private final int status;
    private final String scimType;

    ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    /** A catalogue error of the user services, told in SCIM's terms: same status, detail from its chain. */
    static ScimException of(KeywardException e) {
        GrpcCode code = e.definition().code();
        String type = switch (code) {
            case INVALID_ARGUMENT -> "invalidValue";
            case ALREADY_EXISTS -> "uniqueness";
            default -> null;
        };
        StringBuilder detail = new StringBuilder();
        for (KeywardException c = e; c != null; c = c.detailCause()) {
            if (detail.length() > 0) {
                detail.append(": ");
            }
            detail.append(c.definition().format(c.attributes()));
        }
        return new ScimException(code.httpStatus(), type, detail.toString());
    }

    int status() {
        return status;
    }

    String scimType() {
        return scimType;
    }
}
