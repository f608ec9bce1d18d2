package org.openaccess.partner.callback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.Optional;
import org.openaccess.partner.web.LinkBindingCookie;
import org.openaccess.partner.web.Outcome;
import org.openaccess.partner.web.RequestCookies;

/** GET /callback, the redirect URI registered with Spotify: HTTP in, {@link LinkCompletion} decides, redirect out. */
@Controller
@Produces(MediaType.ALL) // a redirect has no body; pages pick HTML or JSON themselves
public class CallbackController {
    private final LinkCompletion linkCompletion;

    public CallbackController(LinkCompletion linkCompletion) {
        this.linkCompletion = linkCompletion;
    }

    @Get("/callback")
    public HttpResponse<?> callback(APIGatewayV2HTTPEvent event) {
        CallbackParameters parameters = CallbackParameters.parse(event.getQueryStringParameters());
        LinkCompletion.Linked linked =
                linkCompletion.complete(parameters, RequestCookies.of(event).get(LinkBindingCookie.NAME));
        return Outcome.detail(
                Outcome.tag(
                        HttpResponse.status(HttpStatus.FOUND)
                                .header(
                                        HttpHeaders.LOCATION,
                                        linked.completionUrl().toString()),
                        "linked"),
                Optional.of("sync=" + linked.syncOutcome()));
    }
}
