package org.openaccess.emulator.openaccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.Logo;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.RedirectUriRule;
import org.openaccess.emulator.SpotifyState;
import org.openaccess.emulator.accounts.AccessToken;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;

/**
 * The Open Access API. Every call is checked in Spotify's order: bearer token (401), grant kind
 * and scope (403), partner owned by the token's client (403), JWS signed with that client's
 * secret (400), fields (400), partner user id (400), existing link (404).
 */
public final class OpenAccessEndpoint {
    static final int MAX_JWS_BYTES = 1024 * 1024;
    private static final Pattern PUID = Pattern.compile("[0-9a-f]{16,128}");

    private final SpotifyState spotify;

    public OpenAccessEndpoint(SpotifyState spotify) {
        this.spotify = spotify;
    }

    public Response handle(Operation operation, Request request) {
        AccessToken token = authenticate(request);
        request.notes().clientId(token.clientId());
        authorize(operation, token);
        ClientConfig client = spotify.config()
                .client(token.clientId())
                .orElseThrow(() -> new Rejection(401, "invalid_token", "Invalid access token"));
        if (operation == Operation.UPLOAD_LOGO) {
            return uploadLogo(request, client);
        }
        ObjectNode payload = verifiedPayload(request, operation, client);
        return switch (operation) {
            case CREATE_PARTNER -> createPartner(payload, client);
            case REGISTER_USER -> registerUser(request, payload, token);
            default -> manageLink(operation, request, payload, client);
        };
    }

    private AccessToken authenticate(Request request) {
        String header =
                request.header("Authorization").orElseThrow(() -> unauthorized("missing_token", "No token provided"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            throw unauthorized("missing_token", "Authorization must be 'Bearer <access token>'");
        }
        AccessToken token = spotify.grants()
                .accessToken(header.substring(7).trim())
                .orElseThrow(() -> unauthorized("invalid_token", "Invalid access token"));
        if (spotify.grants().expired(token)) {
            throw unauthorized("token_expired", "The access token expired");
        }
        return token;
    }

    private static void authorize(Operation operation, AccessToken token) {
        if (operation.needsUserToken() && !token.isUserToken()) {
            throw forbidden(
                    "wrong_grant_type",
                    operation.path()
                            + " needs the user's token from the authorization code flow, not a client-credentials token");
        }
        if (!operation.needsUserToken() && token.isUserToken()) {
            throw forbidden(
                    "wrong_grant_type", operation.path() + " needs a client-credentials token, not a user's token");
        }
        if (!token.scopes().contains(operation.scope())) {
            throw forbidden("insufficient_scope", "The access token lacks the scope " + operation.scope());
        }
    }

    private ObjectNode verifiedPayload(Request request, Operation operation, ClientConfig client) {
        String body = new String(request.body(MAX_JWS_BYTES), StandardCharsets.UTF_8).trim();
        if (body.isEmpty()) {
            throw Rejection.badRequest("malformed_jws", "Body is empty; send the payload as a compact JWS");
        }
        CompactJws jws = CompactJws.parse(body);
        ObjectNode payload = jws.payload();
        note(request, payload);
        JsonNode partnerId = payload.get("partner_id");
        if (operation != Operation.CREATE_PARTNER
                && partnerId != null
                && partnerId.isTextual()
                && !spotify.partners().ownedBy(partnerId.asText(), client.id())) {
            throw forbidden("partner_not_owned", "Partner " + partnerId.asText() + " is not owned by this client");
        }
        if (!jws.verifies(client.secret())) {
            throw Rejection.badRequest(
                    "invalid_signature",
                    "JWS signature does not verify with this client's secret (HS256 over the secret's UTF-8 bytes)");
        }
        return payload;
    }

    private static void note(Request request, ObjectNode payload) {
        JsonNode partnerId = payload.get("partner_id");
        JsonNode puid = payload.get("partner_user_id");
        if (partnerId != null && partnerId.isTextual() && partnerId.asText().length() <= 64) {
            request.notes().partnerId(partnerId.asText());
        }
        if (puid != null && puid.isTextual() && puid.asText().length() <= 128) {
            request.notes().partnerUserId(puid.asText());
        }
    }

    private Response registerUser(Request request, ObjectNode payload, AccessToken token) {
        String partnerId = text(payload, "partner_id");
        String puid = partnerUserId(payload);
        List<String> entitlements = entitlements(payload);
        LinkRegistry.Registration outcome = spotify.links().register(partnerId, puid, token.userId(), entitlements);
        if (outcome == LinkRegistry.Registration.CONFLICT) {
            throw new Rejection(
                    spotify.config().conflictStatus(),
                    "already_linked",
                    "This Spotify account or partner user is "
                            + "already linked to another account of this partner; the user must unlink on Spotify first");
        }
        request.notes().detail(outcome == LinkRegistry.Registration.LINKED ? "linked" : "entitlements replaced");
        String page = spotify.completions().create(partnerId, puid, token.userId());
        URI completion = URI.create(spotify.publicBase().get().toString() + "/completion/" + page);
        return Response.json(200, Map.of("completion_url", completion.toString()));
    }

    private Response manageLink(Operation operation, Request request, ObjectNode payload, ClientConfig client) {
        String partnerId = text(payload, "partner_id");
        String puid = partnerUserId(payload);
        List<String> entitlements = operation.carriesEntitlements() ? entitlements(payload) : List.of();
        boolean linked = switch (operation) {
            case GET_ENTITLEMENTS ->
                spotify.links().entitlements(partnerId, puid).isPresent();
            case ADD_ENTITLEMENTS -> spotify.links().add(partnerId, puid, entitlements);
            case DELETE_ENTITLEMENTS -> spotify.links().delete(partnerId, puid, entitlements);
            case REPLACE_ENTITLEMENTS -> spotify.links().replace(partnerId, puid, entitlements);
            case UNLINK_USER -> unlink(partnerId, puid, client);
            default -> throw new IllegalStateException("not a link operation: " + operation);
        };
        if (!linked) {
            throw new Rejection(404, "not_linked", "No link for this partner user id; stop sending updates for it");
        }
        if (operation == Operation.GET_ENTITLEMENTS) {
            List<String> current = new ArrayList<>(
                    spotify.links().entitlements(partnerId, puid).orElseThrow());
            current.sort(String::compareTo);
            return Response.json(200, Map.of("entitlements", current));
        }
        return Response.empty(200);
    }

    private boolean unlink(String partnerId, String puid, ClientConfig client) {
        return spotify.links()
                .unlink(partnerId, puid)
                .map(user -> {
                    spotify.grants().revokeRefreshTokens(client.id(), user);
                    return true;
                })
                .orElse(false);
    }

    private Response createPartner(ObjectNode payload, ClientConfig client) {
        String name = text(payload, "partner_name");
        if (name.isBlank()) {
            throw Rejection.badRequest("invalid_field", "partner_name must not be blank");
        }
        String url = text(payload, "entrypoint_url");
        // Spotify wants https; like redirect URIs, a loopback http://127.0.0.1:PORT or http://[::1]:PORT is let
        // through for local development.
        String problem = RedirectUriRule.problemWith(url);
        if (problem != null) {
            throw Rejection.badRequest("invalid_entrypoint_url", "entrypoint_url " + problem);
        }
        Partner partner = spotify.partners().create(name, URI.create(url), client.id());
        return Response.json(200, Map.of("partner_id", partner.id()));
    }

    private Response uploadLogo(Request request, ClientConfig client) {
        String partnerId = request.pathParameter();
        request.notes().partnerId(partnerId.length() <= 64 ? partnerId : null);
        if (!spotify.partners().ownedBy(partnerId, client.id())) {
            throw forbidden("partner_not_owned", "Partner " + partnerId + " is not owned by this client");
        }
        String mediaType =
                request.header("Content-Type").orElse("").split(";")[0].trim().toLowerCase();
        if (!List.of("image/png", "image/jpeg", "image/tiff").contains(mediaType)) {
            throw new Rejection(
                    415, "unsupported_media_type", "Content-Type must be image/png, image/jpeg or image/tiff");
        }
        Logo logo = LogoImage.read(mediaType, request.body(LogoImage.MAX_BYTES));
        spotify.partners().storeLogo(partnerId, logo);
        request.notes().detail(logo.width() + "x" + logo.height() + " " + mediaType);
        return Response.empty(200);
    }

    private static String partnerUserId(ObjectNode payload) {
        String puid = text(payload, "partner_user_id");
        if (!PUID.matcher(puid).matches()) {
            throw Rejection.badRequest(
                    "invalid_partner_user_id",
                    "partner_user_id must be 16 to 128 lowercase hex characters (^[0-9a-f]{16,128}$)");
        }
        return puid;
    }

    private static List<String> entitlements(ObjectNode payload) {
        JsonNode node = payload.get("entitlements");
        if (node == null || node.isNull()) {
            throw Rejection.badRequest("missing_field", "entitlements is required (an array of strings; [] for none)");
        }
        if (!node.isArray()) {
            throw Rejection.badRequest("invalid_field", "entitlements must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw Rejection.badRequest("invalid_field", "entitlements must contain only non-empty strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String text(ObjectNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            throw Rejection.badRequest("missing_field", field + " is required");
        }
        if (!node.isTextual()) {
            throw Rejection.badRequest("invalid_field", field + " must be a string");
        }
        return node.asText();
    }

    private static Rejection unauthorized(String code, String message) {
        return new Rejection(401, code, message, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    private static Rejection forbidden(String code, String message) {
        return new Rejection(403, code, message);
    }
}
