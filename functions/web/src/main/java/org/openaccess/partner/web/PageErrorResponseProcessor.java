package org.openaccess.partner.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Micronaut's own errors (no route, wrong method, unconvertible parameter) get the same friendly page or
 * JSON error as ours, with a stable code, instead of the framework's default body.
 */
@Singleton
public class PageErrorResponseProcessor implements ErrorResponseProcessor<String> {

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        return ErrorResponses.applyTo(
                response,
                forStatus(response.code()),
                Optional.ofNullable(errorContext.getRequest().getHeaders().get(HttpHeaders.ACCEPT)));
    }

    static Failure forStatus(int status) {
        return switch (status) {
            case 404 -> Failure.of(404, "not_found", "Page not found", "There is nothing at this address.");
            case 405 ->
                Failure.of(
                        405, "method_not_allowed", "Not allowed", "This address does not accept that kind of request.");
            case 406, 415 ->
                Failure.of(
                        status,
                        "unsupported_media_type",
                        "Not supported",
                        "This address does not accept that kind of content.");
            default ->
                status >= 500
                        ? Failures.internalError()
                        : new Failure(
                                status,
                                "invalid_request",
                                "This request is not valid",
                                "Some part of the request is missing or not valid.",
                                java.util.Optional.empty());
        };
    }
}
