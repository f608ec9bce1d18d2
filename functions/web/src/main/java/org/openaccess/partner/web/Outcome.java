package org.openaccess.partner.web;

import io.micronaut.http.MutableHttpResponse;
import java.util.Optional;

/**
 * How a controller tells the request log what happened: two internal response headers that {@link HttpFunction}
 * reads into the log line and removes before the response leaves the function.
 */
public final class Outcome {
    static final String OUTCOME_HEADER = "X-Partner-Outcome";
    static final String ERROR_CODE_HEADER = "X-Partner-Error-Code";
    static final String DETAIL_HEADER = "X-Partner-Outcome-Detail";

    private Outcome() {}

    /** Marks a successful response, e.g. {@code redirect_to_authorize}. */
    public static <T> MutableHttpResponse<T> tag(MutableHttpResponse<T> response, String outcome) {
        return response.header(OUTCOME_HEADER, outcome);
    }

    /** Marks a response with its outcome and stable error code. */
    public static <T> MutableHttpResponse<T> tag(MutableHttpResponse<T> response, String outcome, String errorCode) {
        return response.header(OUTCOME_HEADER, outcome).header(ERROR_CODE_HEADER, errorCode);
    }

    /** Adds a short, secret-free detail to the log line (e.g. what the follow-up sync did). */
    public static <T> MutableHttpResponse<T> detail(MutableHttpResponse<T> response, Optional<String> detail) {
        detail.ifPresent(text -> response.header(DETAIL_HEADER, text));
        return response;
    }
}
