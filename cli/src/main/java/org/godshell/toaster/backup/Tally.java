package org.godshell.toaster.backup;

import java.util.ArrayList;
import java.util.List;

/** What a backup did, counted as it goes; {@link #problems} are shown to the admin after the run. */
final class Tally {
    int stored;
    int referenced;
    int directories;
    int links;
    long bytes;
    /** Deleted (a message fetched and removed, a user removed) between the listing and the read. */
    int vanished;
    final List<String> problems = new ArrayList<>();
}
