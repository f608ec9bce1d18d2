/** The Open Access API: its eight endpoints, JWS verification, links and partners. Internal to the emulator. */
package org.openaccess.emulator.openaccess;
