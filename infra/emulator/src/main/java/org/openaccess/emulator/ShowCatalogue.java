package org.openaccess.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shows Spotify knows: the configured ones, plus those added while running for partners made with
 * create-partner (forgotten on reset, as those partners are). Each show belongs to one partner, or, without a
 * partner id, to every configured partner.
 */
public final class ShowCatalogue {
    private final List<Show> configured;
    private final Set<String> configuredPartners = new HashSet<>();
    private final List<Show> added = new CopyOnWriteArrayList<>();

    public ShowCatalogue(EmulatorConfig config) {
        this.configured = config.shows();
        config.clients().forEach(c -> c.partners().forEach(p -> configuredPartners.add(p.id())));
    }

    /** Every show, configured ones first. */
    public List<Show> all() {
        List<Show> all = new ArrayList<>(configured);
        all.addAll(added);
        return all;
    }

    /** The shows of one partner, in catalogue order. */
    public List<Show> of(String partnerId) {
        return all().stream().filter(s -> belongsTo(s, partnerId)).toList();
    }

    /** The show with this {@code spotify:show:} URI, if it is one of the partner's. */
    public Optional<Show> find(String partnerId, String uri) {
        return of(partnerId).stream().filter(s -> s.uri().equals(uri)).findFirst();
    }

    /**
     * Adds a show of a partner (checked as a configured one would be).
     *
     * @throws ConfigException naming what is wrong with it
     */
    public synchronized Show add(Show show) {
        Set<String> ids = new HashSet<>();
        all().forEach(s -> ids.add(s.id()));
        ConfigRules.checkShow(show, "show", ids);
        if (show.partnerId() == null) {
            throw new ConfigException("show.partnerId", "is required for a show added while running");
        }
        added.add(show);
        return show;
    }

    public void forgetAdded() {
        added.clear();
    }

    private boolean belongsTo(Show show, String partnerId) {
        return show.partnerId() == null
                ? configuredPartners.contains(partnerId)
                : show.partnerId().equals(partnerId);
    }
}
