package org.openaccess.partner.web;

/**
 * Something to warm before a SnapStart snapshot is taken: it may load classes, build clients and read
 * configuration, but must not touch the network or draw randomness that later requests would share.
 */
public interface Priming {
    void prime();
}
