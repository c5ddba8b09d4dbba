package org.godshell.toaster.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.queue.QueueId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestsTest {

    private static final QueueId ID = new QueueId("1m8bz91g7000928r");

    @TempDir
    Path queueDir;

    @Test
    void submittedRequestsAreTakenOnceInAnyOrder() throws IOException {
        Requests requests = Requests.open(queueDir);
        requests.submit(new Requests.Request.Flush());
        requests.submit(new Requests.Request.Retry(ID));
        requests.submit(new Requests.Request.Retry(ID));
        requests.submit(new Requests.Request.Delete(ID));
        assertTrue(requests.waiting(new Requests.Request.Delete(ID)));
        List<Requests.Request> taken = new ArrayList<>();
        List<String> log = new ArrayList<>();
        requests.poll(taken::add, log::add);
        assertEquals(3, taken.size());
        assertTrue(taken.containsAll(List.of(new Requests.Request.Flush(), new Requests.Request.Retry(ID),
                new Requests.Request.Delete(ID))));
        assertFalse(requests.waiting(new Requests.Request.Delete(ID)));
        taken.clear();
        requests.poll(taken::add, log::add);
        assertEquals(List.of(), taken);
        assertEquals(List.of(), log);
    }

    @Test
    void aPauseAndItsResumeTakenTogetherCancelOutInAnyDirectoryOrder() throws IOException {
        Requests requests = Requests.open(queueDir);
        requests.submit(new Requests.Request.Resume("0123456789abcdef"));
        requests.submit(new Requests.Request.Flush());
        requests.submit(new Requests.Request.Pause("0123456789abcdef"));
        List<Requests.Request> taken = new ArrayList<>();
        requests.poll(taken::add, line -> { });
        assertEquals(List.of(new Requests.Request.Pause("0123456789abcdef"), new Requests.Request.Flush(),
                new Requests.Request.Resume("0123456789abcdef")), taken);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pause.", "pause.0123456789ABCDEF", "pause.0123456789abcde", "resume.0123456789abcdefg",
        "pause.../../lock", "resume.0123456789abcde\n", "pause", "Pause.0123456789abcdef"})
    void malformedPauseTokensAreNotRequests(String name) {
        assertEquals(Optional.empty(), Requests.parse(name));
    }

    @Test
    void strangeFilesAreRemovedAndLoggedNeverActedOn() throws IOException {
        Requests requests = Requests.open(queueDir);
        Files.createFile(queueDir.resolve("requests/retry..."));
        Files.createFile(queueDir.resolve("requests/delete.1m8bz91g7000928r\nfake"));
        List<Requests.Request> taken = new ArrayList<>();
        List<String> log = new ArrayList<>();
        requests.poll(taken::add, log::add);
        assertEquals(List.of(), taken);
        assertEquals(2, log.size());
        assertTrue(log.stream().noneMatch(line -> line.contains("\n")), log.toString());
        try (var left = Files.list(queueDir.resolve("requests"))) {
            assertEquals(0, left.count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "flush2", "retry", "retry.", "retry.1M8BZ91G7000928R", "remove.1m8bz91g7000928r",
        "retry.1m8bz91g7000928r.x", ".flush", "delete.1m8bz91g7000928"})
    void parseRefusesAnythingElse(String name) {
        assertEquals(Optional.empty(), Requests.parse(name));
    }
}
