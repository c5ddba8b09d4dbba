package org.godshell.toaster.site.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * The pre-receive size check, run before {@link PushRules}: the objects of the push's pack, every one of them
 * (reachable or not: all would stay), may not hold more than {@link PushLimits#maxUnpackedBytes()} once
 * uncompressed, and the repository with the pack in it may not take more than
 * {@link PushLimits#maxRepositoryBytes()} on disk. A pack's limit is on compressed bytes, and zeros compress a
 * thousand times; the build then writes every file out whole. Over either, the push is refused and its pack is
 * removed ({@link Quarantine}).
 */
final class PushSize implements PreReceiveHook {

    private final PushLimits limits;
    private final Quarantine quarantine;
    private boolean refused;

    PushSize(PushLimits limits, Quarantine quarantine) {
        this.limits = limits;
        this.quarantine = quarantine;
    }

    @Override
    public void onPreReceive(ReceivePack pack, Collection<ReceiveCommand> commands) {
        Optional<String> problem;
        try {
            problem = check(pack.getRepository());
        } catch (IOException | RuntimeException e) {
            problem = Optional.of("the size of the push could not be checked: " + e.getMessage());
        }
        if (problem.isPresent()) {
            refused = true;
            for (ReceiveCommand command : commands) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, problem.get());
            }
        }
    }

    /** Whether this check refused the push (it ran on the push's thread, under the push lock). */
    boolean refused() {
        return refused;
    }

    private Optional<String> check(Repository repository) throws IOException {
        long unpacked = 0;
        try (ObjectReader reader = repository.newObjectReader()) {
            for (Path index : quarantine.added(".idx")) {
                for (PackIndex.MutableEntry entry : PackIndex.open(index.toFile())) {
                    unpacked += reader.getObjectSize(entry.toObjectId(), ObjectReader.OBJ_ANY);
                    if (unpacked > limits.maxUnpackedBytes()) {
                        return Optional.of("the push unpacks to more than " + limits.maxUnpackedBytes()
                                + " bytes; push less at a time");
                    }
                }
            }
        }
        long stored = bytesUnder(repository.getDirectory().toPath());
        if (stored > limits.maxRepositoryBytes()) {
            return Optional.of("the repository would take " + stored + " bytes, over its limit of "
                    + limits.maxRepositoryBytes() + "; ask the admin");
        }
        return Optional.empty();
    }

    static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
