/**
 * The emulator's HTTP plumbing (routing, refusals, rendering). Internal: other modules use
 * {@link org.openaccess.emulator.SpotifyEmulator} and its configuration types only.
 */
package org.openaccess.emulator.http;
