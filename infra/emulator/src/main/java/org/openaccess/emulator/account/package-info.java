/**
 * Spotify's account pages for a listener: the apps (partners) linked to their account, each of which they can
 * remove (changelog 1.6.0: listeners unlink on Spotify's side, and the partner learns it from a 404).
 */
package org.openaccess.emulator.account;
