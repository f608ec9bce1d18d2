package org.openaccess.partner.core.spotify;

/** A PKCE pair (RFC 7636, S256): the verifier stays with us, the challenge goes to /authorize. */
public record Pkce(String verifier, String challenge) {
    @Override
    public String toString() {
        return "Pkce[redacted]";
    }
}
