import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The disk's own limit, measured where a benchmark's servers write: how many durable file creations (create a
 * new file, write a message's worth of bytes, fsync it, fsync its directory: what a Maildir delivery or a queue
 * commit costs at least) a directory takes per second, with 1, 10 and 20 writers at once. Run with the JDK's
 * source launcher, {@code java FsyncProbe.java DIR SECONDS SIZE}; prints one line per writer count:
 * {@code writers creations/s fsyncs/s ms-per-fsync}. Each writer has its own directory, as each Maildir or
 * queue has its own; ext4 commits concurrent fsyncs in one journal transaction, which the parallel lines show.
 */
public final class FsyncProbe {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int size = Integer.parseInt(args[2]);
        for (int writers : new int[] {1, 10, 20}) {
            Path here = Files.createDirectories(dir.resolve("w" + writers));
            AtomicLong creations = new AtomicLong();
            AtomicLong fsyncNanos = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Path own = Files.createDirectories(here.resolve("d" + w));
                threads.add(Thread.ofPlatform().start(() -> write(own, size, stop, creations, fsyncNanos)));
            }
            long start = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long n = creations.get();
            double msPerFsync = n == 0 ? 0 : fsyncNanos.get() / 1e6 / (2.0 * n);
            System.out.printf("%d %.0f %.0f %.2f%n", writers, n / elapsed, 2 * n / elapsed, msPerFsync);
            delete(here);
        }
    }

    private static void write(Path dir, int size, AtomicBoolean stop, AtomicLong creations, AtomicLong fsyncNanos) {
        ByteBuffer bytes = ByteBuffer.allocate(size);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            for (long i = 0; !stop.get(); i++) {
                try (FileChannel file = FileChannel.open(dir.resolve("f" + i), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    file.write(bytes.clear());
                    long before = System.nanoTime();
                    file.force(true);
                    directory.force(true);
                    fsyncNanos.addAndGet(System.nanoTime() - before);
                }
                creations.incrementAndGet();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
