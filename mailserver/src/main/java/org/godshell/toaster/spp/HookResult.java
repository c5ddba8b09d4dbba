package org.godshell.toaster.spp;

import java.util.Optional;
import org.godshell.toaster.smtp.Reply;

/** What the plugins of one hook decided, for the handler of the command that ran them. */
public sealed interface HookResult {

    /**
     * Go on with the command. {@code skipChecks} ({@code O}) skips the server's badmailfrom or rcpthosts check;
     * {@code address} is the replacement a {@code C} line gave for the command's address.
     */
    record Proceed(boolean skipChecks, Optional<String> address) implements HookResult {}

    /** Refuse the command with this reply ({@code E}, a later error, or 451 for a failed plugin). */
    record Refuse(Reply reply) implements HookResult {}

    /** Send this reply and close the connection ({@code R}). */
    record Close(Reply reply) implements HookResult {}

    /** Close the connection without a word ({@code D}). */
    record Drop() implements HookResult {}

    HookResult PROCEED = new Proceed(false, Optional.empty());
}
