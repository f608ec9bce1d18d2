package org.openaccess.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Spotify developer client: credentials, what the consent page says about it, where it may
 * redirect, which scopes it is allow-listed for and which partners it owns.
 *
 * @param autoApproveUser a test user id; when set, {@code /authorize} skips the consent page and
 *                        approves as that user (for headless clients), otherwise {@code null}
 */
public record ClientConfig(
        String id,
        String secret,
        String description,
        List<String> redirectUris,
        Set<String> allowedScopes,
        List<PartnerConfig> partners,
        String autoApproveUser) {

    public ClientConfig {
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        allowedScopes = allowedScopes == null ? Set.of() : Set.copyOf(allowedScopes);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }

    /** A client with no redirect URIs, scopes or partners yet. */
    public static ClientConfig of(String id, String secret, String description) {
        return new ClientConfig(id, secret, description, List.of(), Set.of(), List.of(), null);
    }

    public ClientConfig withRedirectUris(List<String> uris) {
        return new ClientConfig(id, secret, description, uris, allowedScopes, partners, autoApproveUser);
    }

    public ClientConfig withAllowedScopes(Set<String> scopes) {
        return new ClientConfig(id, secret, description, redirectUris, scopes, partners, autoApproveUser);
    }

    public ClientConfig withoutScope(String scope) {
        Set<String> fewer = new LinkedHashSet<>(allowedScopes);
        fewer.remove(scope);
        return withAllowedScopes(fewer);
    }

    public ClientConfig withPartner(PartnerConfig partner) {
        List<PartnerConfig> more = new ArrayList<>(partners);
        more.add(partner);
        return new ClientConfig(id, secret, description, redirectUris, allowedScopes, more, autoApproveUser);
    }

    public ClientConfig withPartners(List<PartnerConfig> replacement) {
        return new ClientConfig(id, secret, description, redirectUris, allowedScopes, replacement, autoApproveUser);
    }

    public ClientConfig withAutoApproveUser(String userId) {
        return new ClientConfig(id, secret, description, redirectUris, allowedScopes, partners, userId);
    }

    public boolean owns(String partnerId) {
        return partners.stream().anyMatch(p -> p.id().equals(partnerId));
    }

    @Override
    public String toString() {
        // Records print every component; the secret must never reach a log line.
        return "ClientConfig[id=" + id + ", description=" + description + ", redirectUris=" + redirectUris
                + ", allowedScopes=" + allowedScopes + ", partners=" + partners
                + ", autoApproveUser=" + autoApproveUser + "]";
    }
}
