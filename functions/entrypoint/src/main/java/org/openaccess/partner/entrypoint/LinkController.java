package org.openaccess.partner.entrypoint;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import java.util.Optional;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.web.ActivePartners;
import org.openaccess.partner.web.LinkBindingCookie;
import org.openaccess.partner.web.Outcome;
import org.openaccess.partner.web.RequestCookies;

/**
 * GET /link and GET /link/{slug}, the Entrypoint URLs registered with Spotify (the default partner's, and each of a
 * membership platform's partners'): HTTP in, {@link ActivePartners} names the partner, {@link LinkStart} decides,
 * redirect out.
 */
@Controller
@Produces(MediaType.ALL) // a redirect has no body; error pages pick HTML or JSON themselves
public record LinkController(LinkStart linkStart, ActivePartners partners, Settings settings) {

    @Get("/link")
    public HttpResponse<?> link(APIGatewayV2HTTPEvent event) {
        return start(partners.defaultPartner(), event);
    }

    @Get("/link/{slug}")
    public HttpResponse<?> linkPartner(@PathVariable String slug, APIGatewayV2HTTPEvent event) {
        return start(partners.bySlug(slug), event);
    }

    private HttpResponse<?> start(PartnerRoute partner, APIGatewayV2HTTPEvent event) {
        Optional<String> showUri = Optional.ofNullable(event.getQueryStringParameters())
                .map(parameters -> parameters.get("spotifyShowUri"));
        LinkStart.Next next =
                linkStart.start(partner, RequestCookies.of(event).get(settings.sessionCookieName()), showUri);
        return switch (next) {
            case LinkStart.Next.LogIn logIn ->
                Outcome.detail(
                        Outcome.tag(found(logIn.loginUrl().toString()), "login_required"), Optional.of(logIn.why()));
            case LinkStart.Next.Authorize authorize ->
                Outcome.tag(found(authorize.authorizeUrl().toString()), "redirect_to_authorize")
                        .header(HttpHeaders.SET_COOKIE, LinkBindingCookie.set(authorize.bindingNonce()));
        };
    }

    private static MutableHttpResponse<Object> found(String location) {
        return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location);
    }
}
