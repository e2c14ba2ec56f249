package news.live;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open live connections of this instance, counted in total and per client address, with what each has running;
 * the bounds are {@link LiveProperties}. Every half second it closes connections whose client stopped reading.
 */
final class LiveConnections implements DisposableBean {

    private final LiveProperties settings;

    private final Map<String, Connection> byId = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    private final AtomicInteger total = new AtomicInteger();

    /** Bytes of answers waiting to be sent, over all connections. */
    private final AtomicLong queued = new AtomicLong();

    /** Server-Sent Events streams open now (each counted in {@link #total} and per client as a connection). */
    private final AtomicInteger streams = new AtomicInteger();

    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "live-send");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-sweep");
        t.setDaemon(true);
        return t;
    });

    LiveConnections(LiveProperties settings) {
        this.settings = settings;
        sweeper.scheduleWithFixedDelay(this::sweep, 500, 500, TimeUnit.MILLISECONDS);
    }

    LiveProperties settings() {
        return settings;
    }

    /** One open connection: its client, its bounded session and the ids of its operations still running. */
    static final class Connection {

        final String client;

        final BoundedSession session;

        final Set<String> running = ConcurrentHashMap.newKeySet();

        final AtomicInteger subscriptions = new AtomicInteger();

        Connection(String client, BoundedSession session) {
            this.client = client;
            this.session = session;
        }

        /** Queries and mutations still executing (running operations that are not subscriptions). */
        int inFlight() {
            return running.size() - subscriptions.get();
        }
    }

    /** Why a new connection from {@code client} is refused now, or null when it may open. */
    String refusal(String client) {
        if (total.get() >= settings.maxConnections()) {
            return "This service has its maximum of " + settings.maxConnections()
                    + " live connections open; try again later.";
        }
        AtomicInteger count = byClient.get(client);
        if (count != null && count.get() >= settings.maxConnectionsPerClient()) {
            return "Your address has its maximum of " + settings.maxConnectionsPerClient()
                    + " live connections open; close one or use one connection for several subscriptions.";
        }
        return null;
    }

    /** Registers a connection that opened, or answers null when that puts it over a bound (handshakes race). */
    Connection open(WebSocketSession session) {
        String client = clientKey(session.getRemoteAddress());
        if (!take(client)) {
            return null;
        }
        Connection connection = new Connection(
                client,
                new BoundedSession(
                        session,
                        settings.sendBufferSize().toBytes(),
                        settings.sendTimeLimit(),
                        senders,
                        queued,
                        settings.sendBufferTotal().toBytes()));
        byId.put(session.getId(), connection);
        return connection;
    }

    /**
     * Registers a Server-Sent Events stream from {@code client}, counted as a connection: its release (to run once
     * when the stream ends), or null when it would go over a bound.
     */
    Runnable openStream(String client) {
        if (!take(client)) {
            return null;
        }
        streams.incrementAndGet();
        return () -> {
            streams.decrementAndGet();
            release(client);
        };
    }

    /** Counts one more connection of {@code client}, or nothing when that would go over a bound (answers false). */
    private boolean take(String client) {
        if (total.incrementAndGet() > settings.maxConnections()) {
            total.decrementAndGet();
            return false;
        }
        AtomicInteger count = byClient.computeIfAbsent(client, k -> new AtomicInteger());
        if (count.incrementAndGet() > settings.maxConnectionsPerClient()) {
            release(client);
            return false;
        }
        return true;
    }

    Connection get(String sessionId) {
        return byId.get(sessionId);
    }

    void closed(String sessionId) {
        Connection connection = byId.remove(sessionId);
        if (connection != null) {
            release(connection.client);
        }
    }

    private void release(String client) {
        total.decrementAndGet();
        byClient.computeIfPresent(client, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Bytes of answers waiting to be sent, over all connections. */
    long queuedBytes() {
        return queued.get();
    }

    /** Connections open now: WebSocket connections and Server-Sent Events streams. */
    int open() {
        return byId.size() + streams.get();
    }

    /** Server-Sent Events streams open now. */
    int streams() {
        return streams.get();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Connection connection : byId.values()) {
            connection.session.checkSendTime(now);
        }
    }

    /**
     * The address itself, except for IPv6, whose /64 prefix is the key: one subscriber usually holds a whole /64 and
     * could otherwise open new connections from every address of it.
     */
    static String clientKey(InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null) {
            return remote == null ? "" : remote.getHostString();
        }
        byte[] bytes = address.getAddress();
        return bytes.length == 16
                ? HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64"
                : address.getHostAddress();
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        senders.shutdownNow();
    }
}
