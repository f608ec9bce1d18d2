package org.openaccess.partner.admin;

/** Values of the deployed stack the AWS-path tests stand in for. */
final class StackFixture {
    static final String CLIENT_SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e75e";

    private StackFixture() {}
}
