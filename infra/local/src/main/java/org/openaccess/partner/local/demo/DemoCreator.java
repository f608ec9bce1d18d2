package org.openaccess.partner.local.demo;

import java.util.List;
import org.openaccess.emulator.Show;

/**
 * A creator the demo platform hosts: onboarded at start with create-partner, its shows registered on (emulated)
 * Spotify, its own membership tiers. {@link #ALL} is the demo's catalogue.
 *
 * @param shows its shows, each unlocked by some of {@code tiers} (the show's entitlements)
 */
public record DemoCreator(String slug, String name, List<String> tiers, List<Show> shows) {

    public static final List<DemoCreator> ALL = List.of(
            new DemoCreator(
                    "night-owls",
                    "Night Owls Radio",
                    List.of("supporter", "patron"),
                    List.of(
                            new Show("NightOwlsLateShow00001", "Night Owls Late Show", List.of("supporter", "patron")),
                            new Show("NightOwlsPatronOnly002", "Night Owls After Hours", List.of("patron")))),
            new DemoCreator(
                    "garden-talk",
                    "Garden Talk",
                    List.of("member", "grower"),
                    List.of(
                            new Show("GardenTalkWeekly000001", "Garden Talk Weekly", List.of("member", "grower")),
                            new Show("GardenTalkGrowersClub2", "Garden Talk Growers' Club", List.of("grower")))));

    public DemoCreator {
        tiers = List.copyOf(tiers);
        shows = List.copyOf(shows);
    }

    /** As the account page lists its shows. */
    List<DemoShow> demoShows() {
        return shows.stream()
                .map(show -> new DemoShow(show.id(), show.title(), String.join(" or ", show.entitlements())))
                .toList();
    }
}
