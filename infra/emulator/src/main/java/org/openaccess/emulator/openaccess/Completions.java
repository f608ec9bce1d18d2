package org.openaccess.emulator.openaccess;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openaccess.emulator.accounts.OpaqueIds;

/** Completion pages handed out by register-user, each under an opaque id. */
public final class Completions {
    private final Map<String, Completion> pages = new ConcurrentHashMap<>();

    public String create(String partnerId, String partnerUserId, String spotifyUserId) {
        String id = OpaqueIds.token();
        pages.put(id, new Completion(partnerId, partnerUserId, spotifyUserId));
        return id;
    }

    public Optional<Completion> find(String id) {
        return Optional.ofNullable(pages.get(id));
    }

    public void clear() {
        pages.clear();
    }

    public record Completion(String partnerId, String partnerUserId, String spotifyUserId) {}
}
