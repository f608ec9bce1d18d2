package org.openaccess.emulator.openaccess;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.openaccess.emulator.Link;

/**
 * Links between a partner's users and Spotify accounts, 1:1 per partner, with their entitlements.
 * One lock for all: every operation is a few map look-ups.
 */
public final class LinkRegistry {
    private final Clock clock;
    private final Map<Key, Entry> byPuid = new HashMap<>();
    private final Map<Key, String> puidBySpotifyUser = new HashMap<>();

    public LinkRegistry(Clock clock) {
        this.clock = clock;
    }

    /** The outcome of register-user. */
    public enum Registration {
        LINKED,
        UPDATED,
        CONFLICT
    }

    public synchronized Registration register(
            String partnerId, String puid, String spotifyUserId, Collection<String> entitlements) {
        Key puidKey = new Key(partnerId, puid);
        Key userKey = new Key(partnerId, spotifyUserId);
        Entry existing = byPuid.get(puidKey);
        String linkedPuid = puidBySpotifyUser.get(userKey);
        if (existing != null && !existing.spotifyUserId.equals(spotifyUserId)
                || linkedPuid != null && !linkedPuid.equals(puid)) {
            return Registration.CONFLICT;
        }
        if (existing != null) {
            existing.entitlements = new TreeSet<>(entitlements);
            return Registration.UPDATED;
        }
        byPuid.put(puidKey, new Entry(spotifyUserId, new TreeSet<>(entitlements), clock.instant()));
        puidBySpotifyUser.put(userKey, puid);
        return Registration.LINKED;
    }

    /** Removes the link; the Spotify user it belonged to, if there was one. */
    public synchronized Optional<String> unlink(String partnerId, String puid) {
        Entry removed = byPuid.remove(new Key(partnerId, puid));
        if (removed == null) {
            return Optional.empty();
        }
        puidBySpotifyUser.remove(new Key(partnerId, removed.spotifyUserId));
        return Optional.of(removed.spotifyUserId);
    }

    /** The links of one Spotify account, one per partner at most (the user's "apps" on Spotify's side). */
    public synchronized List<Link> linksOfSpotifyUser(String spotifyUserId) {
        List<Link> links = new ArrayList<>();
        puidBySpotifyUser.forEach((key, puid) -> {
            if (key.id.equals(spotifyUserId)) {
                links.add(byPuid.get(new Key(key.partnerId, puid)).toLink(key.partnerId, puid));
            }
        });
        links.sort((a, b) -> a.partnerId().compareTo(b.partnerId()));
        return links;
    }

    /** The user removes a partner's access on Spotify's side; the partner user id that was linked, if any. */
    public synchronized Optional<String> unlinkSpotifyUser(String partnerId, String spotifyUserId) {
        String puid = puidBySpotifyUser.get(new Key(partnerId, spotifyUserId));
        if (puid == null) {
            return Optional.empty();
        }
        unlink(partnerId, puid);
        return Optional.of(puid);
    }

    /** Entitlements of a link, or empty if there is no link. */
    public synchronized Optional<Set<String>> entitlements(String partnerId, String puid) {
        Entry entry = byPuid.get(new Key(partnerId, puid));
        return entry == null ? Optional.empty() : Optional.of(Set.copyOf(entry.entitlements));
    }

    public boolean add(String partnerId, String puid, Collection<String> entitlements) {
        return update(partnerId, puid, entry -> entry.entitlements.addAll(entitlements));
    }

    public boolean delete(String partnerId, String puid, Collection<String> entitlements) {
        return update(partnerId, puid, entry -> entry.entitlements.removeAll(entitlements));
    }

    public boolean replace(String partnerId, String puid, Collection<String> entitlements) {
        return update(partnerId, puid, entry -> entry.entitlements = new TreeSet<>(entitlements));
    }

    /** Changes an existing link's entitlements; false when there is no link. */
    private synchronized boolean update(String partnerId, String puid, Consumer<Entry> change) {
        Entry entry = byPuid.get(new Key(partnerId, puid));
        if (entry == null) {
            return false;
        }
        change.accept(entry);
        return true;
    }

    public synchronized Optional<Link> link(String partnerId, String puid) {
        Entry entry = byPuid.get(new Key(partnerId, puid));
        return entry == null ? Optional.empty() : Optional.of(entry.toLink(partnerId, puid));
    }

    public synchronized List<Link> all() {
        List<Link> links = new ArrayList<>();
        byPuid.forEach((key, entry) -> links.add(entry.toLink(key.partnerId, key.id)));
        links.sort((a, b) -> (a.partnerId() + a.partnerUserId()).compareTo(b.partnerId() + b.partnerUserId()));
        return links;
    }

    public synchronized void clear() {
        byPuid.clear();
        puidBySpotifyUser.clear();
    }

    private record Key(String partnerId, String id) {}

    private static final class Entry {
        final String spotifyUserId;
        final Instant linkedAt;
        TreeSet<String> entitlements;

        Entry(String spotifyUserId, TreeSet<String> entitlements, Instant linkedAt) {
            this.spotifyUserId = spotifyUserId;
            this.entitlements = entitlements;
            this.linkedAt = linkedAt;
        }

        Link toLink(String partnerId, String puid) {
            return new Link(partnerId, puid, spotifyUserId, entitlements, linkedAt);
        }
    }
}
