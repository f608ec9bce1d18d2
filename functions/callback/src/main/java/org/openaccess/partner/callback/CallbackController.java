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
import org.openaccess.partner.web.ErrorResponses;
import org.openaccess.partner.web.LinkBindingCookie;
import org.openaccess.partner.web.Notice;
import org.openaccess.partner.web.Outcome;
import org.openaccess.partner.web.RequestCookies;
import org.openaccess.partner.web.RequestHeaders;

/**
 * GET /callback, the redirect URI registered with Spotify: HTTP in, {@link LinkCompletion} decides, out a redirect
 * to Spotify's completion page or the page of a listener who cancelled.
 */
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
        LinkCompletion.Completed completed =
                linkCompletion.complete(parameters, RequestCookies.of(event).get(LinkBindingCookie.NAME));
        return switch (completed) {
            case LinkCompletion.Completed.Linked linked ->
                Outcome.detail(
                        Outcome.tag(
                                HttpResponse.status(HttpStatus.FOUND)
                                        .header(
                                                HttpHeaders.LOCATION,
                                                linked.completionUrl().toString()),
                                "linked"),
                        Optional.of("sync=" + linked.syncOutcome()));
            case LinkCompletion.Completed.Cancelled cancelled ->
                ErrorResponses.of(cancelledPage(cancelled.retryPath()), RequestHeaders.accept(event));
        };
    }

    /** Not an error on anyone's part: the listener chose not to link. Status 200, with a way back in. */
    static Notice cancelledPage(String retryPath) {
        return new Notice(
                "user_cancelled",
                "You did not link your Spotify account",
                "You chose not to give access on Spotify, so nothing was linked and nothing changed. "
                        + "If that was a mistake, you can start again.",
                Optional.of(retryPath));
    }
}
