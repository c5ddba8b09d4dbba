package org.godshell.toaster.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The accept loop of one listening socket: each connection goes to its own virtual thread; a failing
 * {@code accept} (out of file descriptors, typically) pauses the loop rather than spinning while it lasts; the
 * loop ends when the server stops (closing the socket wakes it).
 */
public final class Acceptor {

    private static final long PAUSE_MILLIS = 100;

    private Acceptor() {
    }

    /** Accepts on {@code listener} until {@code stopping} says so; {@code open} runs on a new virtual thread. */
    public static void run(ServerSocket listener, BooleanSupplier stopping, Consumer<Socket> open,
            Consumer<String> log) {
        while (!stopping.getAsBoolean()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!stopping.getAsBoolean()) {
                    log.accept("accept failed on " + listener.getLocalSocketAddress() + ": " + e.getMessage());
                    GracefulStop.sleep(PAUSE_MILLIS);
                }
                continue;
            }
            Thread.ofVirtual().start(() -> open.accept(socket));
        }
    }
}
