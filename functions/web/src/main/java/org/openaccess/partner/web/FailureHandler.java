package org.openaccess.partner.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The one place where an exception becomes a response: a {@link FailureException} shows its failure, an AWS or
 * Spotify outage a 503 page with "try again", anything unexpected a plain 500 page. Never a stack trace.
 */
@Singleton
@Produces
@Requires(classes = {Exception.class, ExceptionHandler.class})
public class FailureHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        Failure failure = Failures.forException(exception);
        return Outcome.detail(ErrorResponses.of(failure, request), Failures.causeForLog(exception));
    }
}
