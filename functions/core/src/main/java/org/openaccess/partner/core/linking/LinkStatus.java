package org.openaccess.partner.core.linking;

public enum LinkStatus {
    LINKED,
    UNLINKED
}
