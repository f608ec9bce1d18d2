package org.openaccess.partner.entrypoint;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.Optional;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.web.LinkBindingCookie;
import org.openaccess.partner.web.Outcome;
import org.openaccess.partner.web.RequestCookies;

/** GET /link, the Entrypoint URL registered with Spotify: HTTP in, {@link LinkStart} decides, redirect out. */
@Controller
@Produces(MediaType.ALL) // a redirect has no body; error pages pick HTML or JSON themselves
public class LinkController {
    private final LinkStart linkStart;
    private final String sessionCookieName;

    public LinkController(LinkStart linkStart, Settings settings) {
        this.linkStart = linkStart;
        this.sessionCookieName = settings.sessionCookieName();
    }

    @Get("/link")
    public HttpResponse<?> link(APIGatewayV2HTTPEvent event) {
        Optional<String> showUri = Optional.ofNullable(event.getQueryStringParameters())
                .map(parameters -> parameters.get("spotifyShowUri"));
        LinkStart.Next next = linkStart.start(RequestCookies.of(event).get(sessionCookieName), showUri);
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
