package org.openaccess.emulator;

/** A Spotify account that can approve the consent page. */
public record TestUser(String id, String displayName) {}
