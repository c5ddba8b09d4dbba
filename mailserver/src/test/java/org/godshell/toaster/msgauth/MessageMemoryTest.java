package org.godshell.toaster.msgauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The budget of message bytes held by the checks: a message over it is never held, room comes back once. */
class MessageMemoryTest {

    @Test
    void roomIsHeldUntilClosedAndGivenBackOnce() throws Exception {
        MessageMemory memory = new MessageMemory(10 * 1024);
        Optional<MessageMemory.Room> first = memory.hold(6 * 1024, 0);
        assertTrue(first.isPresent());
        assertFalse(memory.hold(6 * 1024, 0).isPresent(), "no room for a second");
        first.get().close();
        first.get().close();
        Optional<MessageMemory.Room> second = memory.hold(10 * 1024, 0);
        assertTrue(second.isPresent(), "closing twice gave back no more than was held");
        assertFalse(memory.hold(1, 0).isPresent());
        second.get().close();
    }

    @Test
    void aMessageOverTheWholeBudgetIsNeverHeld() throws Exception {
        MessageMemory memory = new MessageMemory(4096);
        assertFalse(memory.fits(4097));
        assertFalse(memory.hold(4097, 1000).isPresent());
        assertTrue(memory.hold(0, 0).isPresent(), "an empty message takes the smallest unit");
    }

    @Test
    void aBudgetBelowOneUnitOrOverTheCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageMemory(100));
        assertThrows(IllegalArgumentException.class, () -> new MessageMemory(Long.MAX_VALUE));
    }
}
