/** Content access: Spotify's start of the linking flow and the completion page. Internal to the emulator. */
package org.openaccess.emulator.content;
