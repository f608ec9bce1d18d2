/** Spotify Accounts: {@code /authorize}, the consent page and {@code /api/token}. Internal to the emulator. */
package org.openaccess.emulator.accounts;
