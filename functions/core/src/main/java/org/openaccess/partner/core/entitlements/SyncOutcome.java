package org.openaccess.partner.core.entitlements;

import java.time.Duration;
import java.util.Optional;

/** What syncing one user's entitlements to Spotify did. */
public sealed interface SyncOutcome {
    /** replace-entitlements was sent with this many entitlements. */
    record Sent(int count) implements SyncOutcome {}

    /** The current set equals what Spotify was last given: no call made. */
    record Unchanged() implements SyncOutcome {}

    /** The user has no LINKED link: nothing to push. */
    record NotLinked() implements SyncOutcome {}

    /** Spotify answered 404: the link is gone on Spotify's side; it is now recorded UNLINKED. */
    record UnlinkedBySpotify() implements SyncOutcome {}

    /** Try again later (429, 5xx, timeout, lease held by another sender). */
    record Retry(Optional<Duration> after, String reason) implements SyncOutcome {}

    /** Spotify refused for good (400/401/403): logged for the operator; retrying won't help. */
    record Rejected(int status, String reason) implements SyncOutcome {}
}
