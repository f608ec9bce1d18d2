package org.openaccess.partner.admin;

import java.util.Optional;

/** Which deployment the operator named: the local stack, or a deployed stack by name (and maybe its region). */
public record TargetChoice(boolean local, Optional<String> stackName, Optional<String> region) {}
