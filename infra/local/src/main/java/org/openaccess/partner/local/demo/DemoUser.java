package org.openaccess.partner.local.demo;

import java.util.List;
import java.util.Optional;

/** A user of the demo partner site; the id is the partner's user id (the tables' key). */
public record DemoUser(String id, String name) {

    public static final List<DemoUser> ALL = List.of(
            new DemoUser("ada", "Ada Lovelace"),
            new DemoUser("grace", "Grace Hopper"),
            new DemoUser("alan", "Alan Turing"));

    public static Optional<DemoUser> byId(String id) {
        return ALL.stream().filter(u -> u.id().equals(id)).findFirst();
    }
}
