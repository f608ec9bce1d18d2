package org.openaccess.partner.entrypoint;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.spotify.AccountsClient;
import org.openaccess.partner.core.wiring.ThrowawayParts;
import org.openaccess.partner.web.LinkBindingCookie;
import org.openaccess.partner.web.Priming;

/**
 * SnapStart priming of GET /link's success path, which the priming requests cannot take (a real session needs the
 * partner's key, read from Secrets Manager after restore): a {@link LinkStart} of its own, with a throwaway session
 * key, a throwaway generator and a link-state store answered in memory, sends a signed-in listener to the consent
 * page. State, PKCE, hashes, the state's write through the SDK, the authorize URL and the binding cookie run once;
 * the function's own LinkStart, its generator and its store are not touched.
 */
@Singleton
record SignedInLinkPriming(AccountsClient accounts, Settings settings, Clock clock) implements Priming {
    /** A show id of the right form (22 base62 characters), so the show is validated and carried along. */
    static final String SHOW = "spotify:show:" + "0".repeat(22);

    @Override
    public void prime() {
        LinkStart throwaway = new LinkStart(
                ThrowawayParts.sessions(clock),
                ThrowawayParts.linkStates(settings.partnerId()),
                accounts,
                settings,
                ThrowawayParts.generator(),
                clock);
        LinkStart.Next next = throwaway.start(
                PartnerRoute.defaultPartner(settings.partnerId()),
                Optional.of(ThrowawayParts.session("priming-listener", clock.instant())),
                Optional.of(SHOW));
        if (!(next instanceof LinkStart.Next.Authorize authorize)) {
            throw new IllegalStateException("Priming's signed-in request did not reach the consent page: " + next);
        }
        LinkBindingCookie.set(authorize.bindingNonce());
    }
}
