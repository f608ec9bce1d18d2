package org.openaccess.emulator.http;

import java.util.Set;

/**
 * An endpoint with what the front needs to serve it.
 *
 * @param name      the endpoint's name in the call log and for faults
 * @param recorded  whether calls go to the call log (Open Access and token calls)
 * @param faultable whether injected faults apply
 */
public record Route(
        String name, ErrorStyle style, Set<String> methods, boolean recorded, boolean faultable, Endpoint endpoint) {

    /** A page for the browser that is neither recorded in the call log nor open to faults. */
    public static Route page(String name, Set<String> methods, Endpoint endpoint) {
        return new Route(name, ErrorStyle.HTML_PAGE, methods, false, false, endpoint);
    }

    /** A developer API under {@code /_emulator}: JSON errors, not recorded, no faults. */
    public static Route developer(String name, Set<String> methods, Endpoint endpoint) {
        return new Route(name, ErrorStyle.API_JSON, methods, false, false, endpoint);
    }

    /** Handles one request; refuses by throwing {@link Rejection}. */
    @FunctionalInterface
    public interface Endpoint {
        Response handle(Request request);
    }
}
