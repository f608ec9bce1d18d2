package org.openaccess.emulator.openaccess;

import org.openaccess.emulator.Scopes;

/** The eight Open Access endpoints: path name, required scope, and whether the user's own token is needed. */
public enum Operation {
    REGISTER_USER("register-user", Scopes.LINK, true),
    UNLINK_USER("unlink-user", Scopes.UNLINK, false),
    GET_ENTITLEMENTS("get-entitlements", Scopes.MANAGE_ENTITLEMENTS, false),
    ADD_ENTITLEMENTS("add-entitlements", Scopes.MANAGE_ENTITLEMENTS, false),
    DELETE_ENTITLEMENTS("delete-entitlements", Scopes.MANAGE_ENTITLEMENTS, false),
    REPLACE_ENTITLEMENTS("replace-entitlements", Scopes.MANAGE_ENTITLEMENTS, false),
    CREATE_PARTNER("create-partner", Scopes.CREATE_PARTNER, false),
    UPLOAD_LOGO("upload-logo", Scopes.MANAGE_PARTNER, false);

    private final String path;
    private final String scope;
    private final boolean userToken;

    Operation(String path, String scope, boolean userToken) {
        this.path = path;
        this.scope = scope;
        this.userToken = userToken;
    }

    public String path() {
        return path;
    }

    String scope() {
        return scope;
    }

    boolean needsUserToken() {
        return userToken;
    }

    boolean carriesEntitlements() {
        return this == REGISTER_USER
                || this == ADD_ENTITLEMENTS
                || this == DELETE_ENTITLEMENTS
                || this == REPLACE_ENTITLEMENTS;
    }
}
