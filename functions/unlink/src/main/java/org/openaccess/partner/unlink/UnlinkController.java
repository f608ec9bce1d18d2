package org.openaccess.partner.unlink;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.web.Addresses;
import org.openaccess.partner.web.ErrorResponses;
import org.openaccess.partner.web.Outcome;
import org.openaccess.partner.web.RequestCookies;
import org.openaccess.partner.web.RequestHeaders;

/**
 * POST /unlink (the default partner) and POST /unlink/{slug} (a partner of the registry) from the partner's account
 * page: HTTP in, {@link Unlinking} decides, and out either a 303 back
 * to the account page (a form post) or JSON (a script asking for {@code application/json}).
 */
@Controller
@Produces(MediaType.ALL)
public class UnlinkController {
    private final Unlinking unlinking;
    private final String sessionCookieName;
    private final URI returnUrl;

    public UnlinkController(Unlinking unlinking, Settings settings) {
        this.unlinking = unlinking;
        this.sessionCookieName = settings.sessionCookieName();
        this.returnUrl = settings.unlinkReturnUrl();
    }

    // The body (an empty form, or JSON) carries nothing we need: who is unlinking comes from the session only.
    @Post("/unlink")
    @Consumes(MediaType.ALL)
    public HttpResponse<?> unlink(APIGatewayV2HTTPEvent event) {
        return unlink(Optional.empty(), event);
    }

    @Post("/unlink/{slug}")
    @Consumes(MediaType.ALL)
    public HttpResponse<?> unlinkPartner(@PathVariable String slug, APIGatewayV2HTTPEvent event) {
        return unlink(Optional.of(slug), event);
    }

    private HttpResponse<?> unlink(Optional<String> slug, APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = RequestHeaders.of(event);
        Optional<String> accept = Optional.ofNullable(headers.get("accept"));
        Unlinking.Result result =
                unlinking.unlink(slug, headers, RequestCookies.of(event).get(sessionCookieName));
        return switch (result) {
            case Unlinking.Result.Unlinked unlinked -> done("unlinked", accept);
            case Unlinking.Result.WasNotLinked notLinked -> done("not_linked", accept);
            case Unlinking.Result.Refused refused ->
                Outcome.detail(ErrorResponses.of(refused.failure(), accept), Optional.of(refused.operatorDetail()));
        };
    }

    private MutableHttpResponse<?> done(String status, Optional<String> accept) {
        if (ErrorResponses.wantsJson(accept)) {
            return Outcome.tag(
                    HttpResponse.ok(Map.of("status", status)).contentType(MediaType.APPLICATION_JSON_TYPE), status);
        }
        // 303: the browser follows with a GET, so a reload of the account page never re-posts the form.
        return Outcome.tag(
                HttpResponse.status(HttpStatus.SEE_OTHER)
                        .header(
                                HttpHeaders.LOCATION,
                                Addresses.withParameter(returnUrl, "spotify", status)
                                        .toString()),
                status);
    }
}
