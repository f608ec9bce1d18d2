package org.openaccess.emulator.openaccess;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Logo;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.PartnerConfig;
import org.openaccess.emulator.accounts.OpaqueIds;

/** Partners and the client owning each: the configured ones plus those made with create-partner. */
public final class PartnerDirectory {
    private final EmulatorConfig config;
    private final Map<String, Partner> partners = new ConcurrentHashMap<>();

    public PartnerDirectory(EmulatorConfig config) {
        this.config = config;
        reset();
    }

    public Optional<Partner> partner(String partnerId) {
        return Optional.ofNullable(partners.get(partnerId));
    }

    public boolean ownedBy(String partnerId, String clientId) {
        Partner partner = partners.get(partnerId);
        return partner != null && partner.ownerClientId().equals(clientId);
    }

    public Partner create(String name, URI entrypointUrl, String ownerClientId) {
        Partner partner = new Partner(OpaqueIds.base62Id(), name, entrypointUrl, ownerClientId, null);
        partners.put(partner.id(), partner);
        return partner;
    }

    public void storeLogo(String partnerId, Logo logo) {
        partners.computeIfPresent(partnerId, (id, partner) -> partner.withLogo(logo));
    }

    /** The client's only partner, if it owns exactly one. */
    public Optional<Partner> soleOf(String clientId) {
        List<Partner> owned =
                all().stream().filter(p -> p.ownerClientId().equals(clientId)).toList();
        return owned.size() == 1 ? Optional.of(owned.getFirst()) : Optional.empty();
    }

    public List<Partner> all() {
        List<Partner> all = new ArrayList<>(partners.values());
        all.sort((a, b) -> a.id().compareTo(b.id()));
        return all;
    }

    /** Back to the configured partners, without logos. */
    public void reset() {
        partners.clear();
        for (ClientConfig client : config.clients()) {
            for (PartnerConfig p : client.partners()) {
                partners.put(p.id(), new Partner(p.id(), p.name(), p.entrypointUrl(), client.id(), null));
            }
        }
    }
}
