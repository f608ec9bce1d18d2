package org.openaccess.partner.unlink;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.linking.DynamoLinkStore;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.wiring.ThrowawayParts;
import org.openaccess.partner.web.ActivePartners;
import org.openaccess.partner.web.Priming;

/**
 * SnapStart priming of POST /unlink past the session check, which the priming requests cannot pass (a real session
 * needs the partner's key, read from Secrets Manager after restore): a controller and an {@link Unlinking} of their
 * own, with a throwaway session key and a link store answered in memory, take a signed-in listener's post from the
 * partner's site to the link lookup and back to the account page (nothing linked: Spotify is never called), as a
 * form post and as a script's JSON request. The function's own controller, Unlinking and store are not touched.
 */
@Singleton
record SignedInUnlinkPriming(
        OpenAccessClient openAccess,
        ActivePartners partners,
        PartnerOrigin partnerOrigin,
        Settings settings,
        Clock clock)
        implements Priming {

    @Override
    public void prime() {
        Unlinking throwaway = new Unlinking(
                ThrowawayParts.sessions(clock),
                new DynamoLinkStore(ThrowawayParts.inMemoryDynamoDb(), "warm-up", clock),
                openAccess,
                partners,
                partnerOrigin,
                settings,
                clock);
        UnlinkController controller = new UnlinkController(throwaway, settings);
        for (String accept : List.of("text/html", "application/json")) {
            HttpResponse<?> answer = controller.unlink(signedInPost(accept));
            HttpStatus expected = accept.equals("text/html") ? HttpStatus.SEE_OTHER : HttpStatus.OK;
            if (answer.getStatus() != expected) {
                throw new IllegalStateException(
                        "Priming's signed-in unlink did not come back to the account page: " + answer.getStatus());
            }
        }
    }

    private APIGatewayV2HTTPEvent signedInPost(String accept) {
        APIGatewayV2HTTPEvent event =
                UnlinkFunction.post(settings.partnerOrigins().getFirst());
        event.getHeaders().put("accept", accept);
        event.setCookies(List.of(
                settings.sessionCookieName() + "=" + ThrowawayParts.session("priming-listener", clock.instant())));
        return event;
    }
}
