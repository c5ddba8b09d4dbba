package org.godshell.toaster.site.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One WebSocket to one page target of the Chrome DevTools Protocol: commands with their answers, events kept in
 * order. The JDK's own WebSocket client carries it; nothing else is needed.
 */
final class DevTools implements AutoCloseable {

    /** What the browser sent without being asked: the method and its parameters. */
    record Event(String method, Map<String, Object> params) {
    }

    /** An answer that long means the browser is stuck, not slow: a test fails instead of hanging. */
    private static final long ANSWER_SECONDS = 60;

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> waiting = new ConcurrentHashMap<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    private DevTools(WebSocket.Builder builder, URI page) throws ExecutionException, InterruptedException {
        socket = builder.buildAsync(page, new Listener()).get();
    }

    static DevTools connect(URI page) throws ExecutionException, InterruptedException {
        return new DevTools(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)),
                page);
    }

    /** Sends a command and waits for its result; a protocol error throws with the browser's message. */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        String message = "{\"id\":" + id + ",\"method\":" + MiniJson.quote(method) + ",\"params\":"
                + encode(params) + "}";
        try {
            socket.sendText(message, true).get(ANSWER_SECONDS, TimeUnit.SECONDS);
            Map<String, Object> reply = answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (reply.get("error") instanceof Map<?, ?> error) {
                throw new IllegalStateException(method + ": " + error.get("message"));
            }
            return (Map<String, Object>) reply.getOrDefault("result", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            waiting.remove(id);
        }
    }

    /** Every event so far, oldest first. */
    List<Event> events() {
        return List.copyOf(events);
    }

    private static String encode(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> MiniJson.quote(s);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(e -> MiniJson.quote(String.valueOf(e.getKey())) + ":" + encode(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
            case List<?> list -> list.stream().map(DevTools::encode).collect(Collectors.joining(",", "[", "]"));
            default -> throw new IllegalArgumentException("cannot send a " + value.getClass());
        };
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<String, Object> message = (Map<String, Object>) MiniJson.parse(partial.toString());
                partial.setLength(0);
                if (message.get("id") instanceof Double id) {
                    CompletableFuture<Map<String, Object>> answer = waiting.get(id.intValue());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else {
                    events.add(new Event(String.valueOf(message.get("method")),
                            (Map<String, Object>) message.getOrDefault("params", Map.of())));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
