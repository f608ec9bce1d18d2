package org.openaccess.partner.web;

import java.util.Set;
import org.openaccess.partner.core.config.Setting;

/**
 * The settings a function cannot start without; each function module provides one as a bean. Init fails with
 * a message naming every missing or malformed one.
 */
@FunctionalInterface
public interface RequiredSettings {
    Set<Setting> required();
}
