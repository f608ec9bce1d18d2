package org.openaccess.partner.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.entitlements.EntitlementStore;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.identity.PartnerUserIds;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.core.session.SessionVerifier;
import org.openaccess.partner.core.spotify.AccountsClient;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.wiring.CoreWiring;

/**
 * Core's ports as beans, all from one {@link CoreWiring} built once per container. A deployed function builds
 * it from the environment; tests and the local stack register their own CoreWiring (dynalite client, emulator
 * URLs, a fixed clock) in the application context, and this factory then uses that one. The ports are
 * prototypes on purpose: CoreWiring memoizes each, and a function that never uses (say) the link-states table
 * must not have it built, and its setting required, by eager singleton init (the Lambda context initialises
 * singletons eagerly; entrypoint's OnlyItsOwnTableTest fails if these become singletons). Being prototypes costs
 * nothing per request: each is resolved once, when the singleton that uses it is built.
 */
@Factory
public class CoreBeans {

    /** Tests and benchmarks: the application context of a function whose core is {@code wiring}, started. */
    public static ApplicationContext contextWith(CoreWiring wiring) {
        return new LambdaApplicationContextBuilder().singletons(wiring).build().start();
    }

    @Singleton
    @Requires(missingBeans = CoreWiring.class)
    CoreWiring coreWiring(List<RequiredSettings> requiredSettings) {
        Set<Setting> required = EnumSet.noneOf(Setting.class);
        requiredSettings.forEach(function -> required.addAll(function.required()));
        return CoreWiring.fromEnvironment(required);
    }

    @Prototype
    Settings settings(CoreWiring wiring) {
        return wiring.settings();
    }

    @Prototype
    Clock clock(CoreWiring wiring) {
        return wiring.clock();
    }

    @Prototype
    SecureRandom secureRandom(CoreWiring wiring) {
        return wiring.secureRandom();
    }

    @Prototype
    SecretSource secrets(CoreWiring wiring) {
        return wiring.secrets();
    }

    @Prototype
    AccountsClient accounts(CoreWiring wiring) {
        return wiring.accounts();
    }

    @Prototype
    OpenAccessClient openAccess(CoreWiring wiring) {
        return wiring.openAccess();
    }

    @Prototype
    SessionVerifier sessions(CoreWiring wiring) {
        return wiring.sessions();
    }

    @Prototype
    PartnerUserIds partnerUserIds(CoreWiring wiring) {
        return wiring.partnerUserIds();
    }

    @Prototype
    LinkStateStore linkStates(CoreWiring wiring) {
        return wiring.linkStates();
    }

    @Prototype
    LinkStore links(CoreWiring wiring) {
        return wiring.links();
    }

    @Prototype
    EntitlementStore entitlements(CoreWiring wiring) {
        return wiring.entitlements();
    }

    @Prototype
    EntitlementSync entitlementSync(CoreWiring wiring) {
        return wiring.entitlementSync();
    }
}
