package io.keyward.rights;

import io.keyward.wire.ProtoEnum;

/** The Things Stack's {@code ttn.lorawan.v3.Right} enum, with its proto numbers (API.md §2.2). */
public enum Right implements ProtoEnum {
    RIGHT_INVALID(0),
    RIGHT_USER_INFO(1),
    RIGHT_USER_SETTINGS_BASIC(2),
    RIGHT_USER_SETTINGS_API_KEYS(3),
    RIGHT_USER_DELETE(4),
    RIGHT_USER_AUTHORIZED_CLIENTS(5),
    RIGHT_USER_APPLICATIONS_LIST(6),
    RIGHT_USER_APPLICATIONS_CREATE(7),
    RIGHT_USER_GATEWAYS_LIST(8),
    RIGHT_USER_GATEWAYS_CREATE(9),
    RIGHT_USER_CLIENTS_LIST(10),
    RIGHT_USER_CLIENTS_CREATE(11),
    RIGHT_USER_ORGANIZATIONS_LIST(12),
    RIGHT_USER_ORGANIZATIONS_CREATE(13),
    RIGHT_USER_NOTIFICATIONS_READ(59),
    RIGHT_USER_ALL(14),
    RIGHT_APPLICATION_INFO(15),
    RIGHT_APPLICATION_SETTINGS_BASIC(16),
    RIGHT_APPLICATION_SETTINGS_API_KEYS(17),
    RIGHT_APPLICATION_SETTINGS_COLLABORATORS(18),
    RIGHT_APPLICATION_SETTINGS_PACKAGES(56),
    RIGHT_APPLICATION_DELETE(19),
    RIGHT_APPLICATION_DEVICES_READ(20),
    RIGHT_APPLICATION_DEVICES_WRITE(21),
    RIGHT_APPLICATION_DEVICES_READ_KEYS(22),
    RIGHT_APPLICATION_DEVICES_WRITE_KEYS(23),
    RIGHT_APPLICATION_TRAFFIC_READ(24),
    RIGHT_APPLICATION_TRAFFIC_UP_WRITE(25),
    RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE(26),
    RIGHT_APPLICATION_LINK(27),
    RIGHT_APPLICATION_ALL(28),
    RIGHT_CLIENT_ALL(29),
    RIGHT_CLIENT_INFO(60),
    RIGHT_CLIENT_SETTINGS_BASIC(61),
    RIGHT_CLIENT_SETTINGS_COLLABORATORS(62),
    RIGHT_CLIENT_DELETE(63),
    RIGHT_GATEWAY_INFO(30),
    RIGHT_GATEWAY_SETTINGS_BASIC(31),
    RIGHT_GATEWAY_SETTINGS_API_KEYS(32),
    RIGHT_GATEWAY_SETTINGS_COLLABORATORS(33),
    RIGHT_GATEWAY_DELETE(34),
    RIGHT_GATEWAY_TRAFFIC_READ(35),
    RIGHT_GATEWAY_TRAFFIC_DOWN_WRITE(36),
    RIGHT_GATEWAY_LINK(37),
    RIGHT_GATEWAY_STATUS_READ(38),
    RIGHT_GATEWAY_LOCATION_READ(39),
    RIGHT_GATEWAY_WRITE_SECRETS(57),
    RIGHT_GATEWAY_READ_SECRETS(58),
    RIGHT_GATEWAY_ALL(40),
    RIGHT_ORGANIZATION_INFO(41),
    RIGHT_ORGANIZATION_SETTINGS_BASIC(42),
    RIGHT_ORGANIZATION_SETTINGS_API_KEYS(43),
    RIGHT_ORGANIZATION_SETTINGS_MEMBERS(44),
    RIGHT_ORGANIZATION_DELETE(45),
    RIGHT_ORGANIZATION_APPLICATIONS_LIST(46),
    RIGHT_ORGANIZATION_APPLICATIONS_CREATE(47),
    RIGHT_ORGANIZATION_GATEWAYS_LIST(48),
    RIGHT_ORGANIZATION_GATEWAYS_CREATE(49),
    RIGHT_ORGANIZATION_CLIENTS_LIST(50),
    RIGHT_ORGANIZATION_CLIENTS_CREATE(51),
    RIGHT_ORGANIZATION_ADD_AS_COLLABORATOR(52),
    RIGHT_ORGANIZATION_ALL(53),
    RIGHT_SEND_INVITES(54),
    RIGHT_ALL(55);

    private final int number;

    Right(int number) {
        this.number = number;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String fullName() {
        // The zero value is the only proto name in lower case.
        return this == RIGHT_INVALID ? "right_invalid" : name();
    }

    @Override
    public String prefix() {
        return "RIGHT_";
    }

    public boolean isUserRight() {
        return name().startsWith("RIGHT_USER_");
    }

    public boolean isApplicationRight() {
        return name().startsWith("RIGHT_APPLICATION_");
    }

    public boolean isClientRight() {
        return name().startsWith("RIGHT_CLIENT_");
    }

    public boolean isGatewayRight() {
        return name().startsWith("RIGHT_GATEWAY_");
    }

    public boolean isOrganizationRight() {
        return name().startsWith("RIGHT_ORGANIZATION_");
    }

    /** Rights that can be held on a user: user, organization and entity (application/client/gateway) rights. */
    public boolean isEntityScoped() {
        return isUserRight() || isOrganizationRight() || isApplicationRight() || isClientRight() || isGatewayRight();
    }
}
