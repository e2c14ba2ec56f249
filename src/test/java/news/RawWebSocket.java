package news;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-transport-ws client on the JDK's WebSocket, message by message, for tests of the protocol itself: what
 * the server sends, how it closes. A reading client takes every message; a non-reading one never asks for any, like a
 * client that stopped reading (the server's sends then back up).
 */
public final class RawWebSocket implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final boolean reading;

    private final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private final StringBuilder partial = new StringBuilder();

    private WebSocket socket;

    private RawWebSocket(boolean reading) {
        this.reading = reading;
    }

    /** Connects to {@code /graphql-ws}; {@code headers} are name, value pairs of the upgrade request. */
    public static RawWebSocket connect(int port, boolean reading, String... headers) {
        RawWebSocket listener = new RawWebSocket(reading);
        WebSocket.Builder builder = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .subprotocols("graphql-transport-ws");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        listener.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/graphql-ws"), listener)
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
        return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(JSON.readValue(partial.toString(), Map.class));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Sends one binary message. */
    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true)
                .orTimeout(20, TimeUnit.SECONDS)
                .join();
    }

    public void send(Map<String, Object> message) {
        send(JSON.writeValueAsString(message));
    }

    /** Sends {@code connection_init} with the payload and waits for {@code connection_ack}. */
    public RawWebSocket init(Map<String, Object> payload) {
        send(Map.of("type", "connection_init", "payload", payload));
        Map<String, Object> ack = next(Duration.ofSeconds(20));
        if (ack == null || !"connection_ack".equals(ack.get("type"))) {
            throw new AssertionError("expected connection_ack, got " + ack);
        }
        return this;
    }

    public void subscribe(String id, String query) {
        send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query)));
    }

    /** The next message (pings skipped), or null after {@code timeout}. */
    public Map<String, Object> next(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Map<String, Object> message = received.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null || !"ping".equals(message.get("type"))) {
                    return message;
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next message for operation {@code id} (others skipped), or null after {@code timeout}. */
    public Map<String, Object> next(String id, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Map<String, Object> message = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (message == null) {
                return null;
            }
            if (id.equals(message.get("id"))) {
                return message;
            }
        }
        return null;
    }

    /** The close code the server sent, or null if the connection is still open after {@code timeout}. */
    public Integer closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException ex) {
            return null;
        } catch (Exception ex) {
            return -1;
        }
    }

    public void abort() {
        socket.abort();
    }
}
