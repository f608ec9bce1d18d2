package org.openaccess.partner.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, so tests and the local stack can use `template.yaml`, `events/` and `node_modules/`. */
public final class RepoRoot {

    private RepoRoot() {}

    /** The nearest directory, from the working directory upwards, that holds both `template.yaml` and `mvnw`. */
    public static Path path() {
        return findFrom(Path.of("").toAbsolutePath());
    }

    static Path findFrom(Path start) {
        for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No repository root (a directory holding template.yaml and mvnw) above " + start);
    }
}
