package org.godshell.toaster.deliver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.users.UserStoreException;

/**
 * One delivery attempt of one message: its pending recipients are split into local ones (one delivery each)
 * and remote ones (one SMTP transaction per domain), which run at once on virtual threads, each holding a
 * permit of its kind ({@code concurrencylocal}, {@code concurrencyremote}). Whatever goes wrong in one
 * delivery becomes a {@link Outcome.Deferred} for its recipients only — never a lost one.
 */
final class DeliveryAttempt {

    private final Router router;
    private final Permits localPermits;
    private final Permits remotePermits;
    private final DeliveryObserver observer;

    DeliveryAttempt(Router router, Permits localPermits, Permits remotePermits, DeliveryObserver observer) {
        this.observer = observer;
        this.router = router;
        this.localPermits = localPermits;
        this.remotePermits = remotePermits;
    }

    /**
     * What an attempt gave: an outcome for each pending recipient (by index into the envelope), and the way it
     * went, {@code local} or {@code remote} ({@code unknown} when the user store could not tell), for the log.
     */
    record Result(Map<Integer, Outcome> outcomes, Map<Integer, String> routes) {
    }

    /** One remote transaction's recipients: a domain's, and their mailbox host when the domain has one. */
    private record RemoteKey(String domain, Optional<String> via) {
    }

    /**
     * Delivers to the recipients at {@code pending} (indexes into the envelope); returns an outcome for each.
     * A recipient listed twice is delivered once and both indexes get its outcome.
     */
    Result run(QueuedMessage message, List<Integer> pending) throws InterruptedException {
        List<String> recipients = message.envelope().recipients();
        Map<Integer, Outcome> outcomes = new HashMap<>();
        Map<Integer, String> routes = new HashMap<>();
        Map<String, List<Integer>> local = new LinkedHashMap<>();
        Map<RemoteKey, Map<String, List<Integer>>> remote = new LinkedHashMap<>();
        for (int index : pending) {
            String recipient = recipients.get(index);
            try {
                switch (router.way(recipient)) {
                    case Router.Way.Local way -> {
                        local.computeIfAbsent(way.address().toLowerCase(Locale.ROOT), a -> new ArrayList<>())
                                .add(index);
                        routes.put(index, "local");
                    }
                    case Router.Way.Remote way -> {
                        remote.computeIfAbsent(new RemoteKey(way.domain(), way.via()), d -> new LinkedHashMap<>())
                                .computeIfAbsent(way.address(), r -> new ArrayList<>()).add(index);
                        routes.put(index, "remote");
                    }
                }
            } catch (UserStoreException e) {
                outcomes.put(index, deferred("user store unreadable: " + e.getMessage()));
                routes.put(index, "unknown");
            }
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<List<Integer>, Future<Outcome>> localJobs = new LinkedHashMap<>();
            local.forEach((address, indexes) -> localJobs.put(indexes, threads.submit(
                    () -> permitted(localPermits, () -> router.deliverLocal(message, address)))));
            Map<Map<String, List<Integer>>, Future<Map<String, Outcome>>> remoteJobs = new LinkedHashMap<>();
            remote.forEach((key, byRecipient) -> remoteJobs.put(byRecipient, threads.submit(() -> permitted(
                    remotePermits, () -> timed(() -> router.deliverRemote(message, key.domain(), key.via(),
                            List.copyOf(byRecipient.keySet())))))));
            for (Map.Entry<List<Integer>, Future<Outcome>> job : localJobs.entrySet()) {
                Outcome outcome = result(job.getValue());
                job.getKey().forEach(index -> outcomes.put(index, outcome));
                count(outcome, DeliveryObserver.Result.LOCAL);
            }
            for (Map.Entry<Map<String, List<Integer>>, Future<Map<String, Outcome>>> job : remoteJobs.entrySet()) {
                Map<String, Outcome> results;
                Outcome missing;
                try {
                    results = job.getValue().get();
                    missing = deferred("remote delivery gave no result for it");
                } catch (ExecutionException e) {
                    results = Map.of();
                    missing = deferred("internal error: " + e.getCause());
                }
                for (Map.Entry<String, List<Integer>> recipient : job.getKey().entrySet()) {
                    Outcome outcome = results.getOrDefault(recipient.getKey(), missing);
                    recipient.getValue().forEach(index -> outcomes.put(index, outcome));
                    count(outcome, DeliveryObserver.Result.REMOTE);
                }
            }
        }
        return new Result(outcomes, routes);
    }

    /**
     * Delivered and deferred recipients are counted here, once per address and attempt; failed ones by the queue
     * runner, which also bounces those whose queue lifetime ended.
     */
    private void count(Outcome outcome, DeliveryObserver.Result delivered) {
        switch (outcome) {
            case Outcome.Delivered d -> observer.delivered(delivered, 1);
            case Outcome.Deferred d -> observer.delivered(DeliveryObserver.Result.DEFERRED, 1);
            case Outcome.Failed f -> { }
        }
    }

    /** A remote transaction, timed from after its permit (waiting for one is not the remote host's time). */
    private <T> T timed(Callable<T> job) throws Exception {
        long start = System.nanoTime();
        try {
            return job.call();
        } finally {
            observer.remoteTransaction(System.nanoTime() - start);
        }
    }

    private static <T> T permitted(Permits permits, Callable<T> job) throws Exception {
        permits.acquire();
        try {
            return job.call();
        } finally {
            permits.release();
        }
    }

    private static Outcome result(Future<Outcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return deferred("internal error: " + e.getCause());
        }
    }

    private static Outcome deferred(String text) {
        return new Outcome.Deferred(Diagnosis.local("4.3.0", Diagnosis.clean(text)));
    }
}
