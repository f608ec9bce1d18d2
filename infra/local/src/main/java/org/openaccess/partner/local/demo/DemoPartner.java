package org.openaccess.partner.local.demo;

import java.util.List;
import java.util.Optional;

/**
 * A partner of the demo platform as its account page shows it: the default partner (no slug: {@code /link} and
 * {@code /unlink}) or a creator onboarded with create-partner ({@code /link/{slug}}, {@code /unlink/{slug}}).
 *
 * @param tiers the membership tiers the listener can hold with this partner; each is an entitlement of its shows
 */
public record DemoPartner(
        Optional<String> slug, String partnerId, String name, List<String> tiers, List<DemoShow> shows) {

    public DemoPartner {
        tiers = List.copyOf(tiers);
        shows = List.copyOf(shows);
    }

    public static DemoPartner defaultPartner(String partnerId, String name, List<String> tiers, List<DemoShow> shows) {
        return new DemoPartner(Optional.empty(), partnerId, name, tiers, shows);
    }

    public static DemoPartner creator(
            String slug, String partnerId, String name, List<String> tiers, List<DemoShow> shows) {
        return new DemoPartner(Optional.of(slug), partnerId, name, tiers, shows);
    }

    /** The page's element ids: the default partner keeps the bare ids ({@code link-state}), a creator's end in its slug. */
    String idSuffix() {
        return slug.map(s -> "-" + s).orElse("");
    }

    /** The partner's Entrypoint URL path. */
    String linkPath() {
        return slug.map(s -> "/link/" + s).orElse("/link");
    }

    String unlinkPath() {
        return slug.map(s -> "/unlink/" + s).orElse("/unlink");
    }
}
