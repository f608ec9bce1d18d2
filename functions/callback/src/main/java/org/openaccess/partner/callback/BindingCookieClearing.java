package org.openaccess.partner.callback;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.openaccess.partner.web.LinkBindingCookie;

/**
 * Every callback response, success or error page, removes the browser-binding cookie: by then the state it
 * belonged to is used up, and a new pass through /link sets a new one.
 */
@ServerFilter("/callback")
public class BindingCookieClearing {
    @ResponseFilter
    public void clear(MutableHttpResponse<?> response) {
        response.header(HttpHeaders.SET_COOKIE, LinkBindingCookie.clear());
    }
}
