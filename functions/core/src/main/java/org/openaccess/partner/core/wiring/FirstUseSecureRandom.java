package org.openaccess.partner.core.wiring;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} whose generator is created on its first draw, not when it is built. The HTTP functions'
 * controllers are built at init (Micronaut creates singletons eagerly), which on SnapStart is before the snapshot;
 * a generator seeded then would be copied into every restored container, which would then draw the same states and
 * PKCE verifiers. With this one, nothing is seeded until a request after the restore asks for bytes.
 */
final class FirstUseSecureRandom extends SecureRandom {
    private final DeferredSpi spi;

    FirstUseSecureRandom() {
        this(new DeferredSpi());
    }

    private FirstUseSecureRandom(DeferredSpi spi) {
        super(spi, null);
        this.spi = spi;
    }

    /** Whether a generator exists yet: false until the first draw (priming must leave it false). */
    boolean seeded() {
        return spi.delegate != null;
    }

    @Override
    public String getAlgorithm() {
        return seeded() ? spi.delegate().getAlgorithm() : "deferred";
    }

    /** Every draw goes to the platform's default generator, made on the first one. */
    private static final class DeferredSpi extends SecureRandomSpi {
        private volatile SecureRandom delegate;

        private SecureRandom delegate() {
            SecureRandom current = delegate;
            if (current == null) {
                synchronized (this) {
                    current = delegate;
                    if (current == null) {
                        current = new SecureRandom();
                        delegate = current;
                    }
                }
            }
            return current;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            delegate().setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            delegate().nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return delegate().generateSeed(numBytes);
        }
    }
}
