/** Developer views and controls under {@code /_emulator}. Internal to the emulator. */
package org.openaccess.emulator.developer;
