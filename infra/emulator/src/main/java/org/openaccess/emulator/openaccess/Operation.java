package org.openaccess.emulator.openaccess;

import java.util.Locale;
import org.openaccess.emulator.Scopes;

/** The eight Open Access endpoints, each with the scope its token needs; the path name is the constant's, kebab-cased. */
public enum Operation {
    REGISTER_USER(Scopes.LINK),
    UNLINK_USER(Scopes.UNLINK),
    GET_ENTITLEMENTS(Scopes.MANAGE_ENTITLEMENTS),
    ADD_ENTITLEMENTS(Scopes.MANAGE_ENTITLEMENTS),
    DELETE_ENTITLEMENTS(Scopes.MANAGE_ENTITLEMENTS),
    REPLACE_ENTITLEMENTS(Scopes.MANAGE_ENTITLEMENTS),
    CREATE_PARTNER(Scopes.CREATE_PARTNER),
    UPLOAD_LOGO(Scopes.MANAGE_PARTNER);

    private final String scope;

    Operation(String scope) {
        this.scope = scope;
    }

    /** E.g. {@code register-user}, as in {@code /api/v1/register-user}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String scope() {
        return scope;
    }

    /** Only register-user acts with the user's own token; the others with the partner's client credentials. */
    boolean needsUserToken() {
        return this == REGISTER_USER;
    }

    boolean carriesEntitlements() {
        return this == REGISTER_USER
                || this == ADD_ENTITLEMENTS
                || this == DELETE_ENTITLEMENTS
                || this == REPLACE_ENTITLEMENTS;
    }
}
