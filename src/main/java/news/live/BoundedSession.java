package news.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A WebSocket session whose sends never block the caller and never pile up: messages wait in a queue bounded in bytes,
 * one sender drains it, and a client that reads too slowly (the queue over its bound, or one message taking longer
 * than the time limit) is closed with 1008 and its queue dropped. Spring's GraphQL handler sends every message of a
 * connection from one thread; without this, one client that stops reading blocks that thread while the answers of
 * its further operations wait in memory without limit.
 */
final class BoundedSession extends WebSocketSessionDecorator {

    private static final Logger log = LoggerFactory.getLogger(BoundedSession.class);

    /** Tomcat's own bound on one blocking send (and on sending the close frame), in milliseconds. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    static final int SLOW_READER = CloseStatus.POLICY_VIOLATION.getCode();

    private final long maxBufferedBytes;

    private final long sendTimeLimitNanos;

    private final Executor senders;

    /** Bytes waiting over every connection, and their bound. */
    private final AtomicLong totalQueued;

    private final long maxTotalQueued;

    private final Deque<WebSocketMessage<?>> queue = new ArrayDeque<>();

    private long queuedBytes;

    private boolean sending;

    private boolean closing;

    /** When the message being sent now started, or 0 while idle. */
    private volatile long sendStarted;

    BoundedSession(
            WebSocketSession session,
            long maxBufferedBytes,
            java.time.Duration sendTimeLimit,
            Executor senders,
            AtomicLong totalQueued,
            long maxTotalQueued) {
        super(session);
        this.totalQueued = totalQueued;
        this.maxTotalQueued = maxTotalQueued;
        this.maxBufferedBytes = maxBufferedBytes;
        this.sendTimeLimitNanos = sendTimeLimit.toNanos();
        this.senders = senders;
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
        }
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        boolean start;
        boolean overflow = false;
        synchronized (this) {
            if (closing) {
                return;
            }
            queue.add(message);
            queuedBytes += message.getPayloadLength();
            long total = totalQueued.addAndGet(message.getPayloadLength());
            if (queuedBytes > maxBufferedBytes || total > maxTotalQueued) {
                overflow = true;
                start = false;
            } else {
                start = !sending;
                sending = true;
            }
        }
        if (overflow) {
            closeSlowReader("more than " + maxBufferedBytes + " bytes of answers wait for the client to read them, or"
                    + " more than " + maxTotalQueued + " for all clients");
        } else if (start) {
            senders.execute(this::drain);
        }
    }

    /** Bytes waiting to be sent. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private void drain() {
        while (true) {
            WebSocketMessage<?> next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || closing) {
                    sending = false;
                    return;
                }
                queuedBytes -= next.getPayloadLength();
                totalQueued.addAndGet(-next.getPayloadLength());
            }
            sendStarted = System.nanoTime();
            try {
                getDelegate().sendMessage(next);
            } catch (IOException | RuntimeException ex) {
                closeSlowReader("a send failed (" + ex.getClass().getSimpleName() + ")");
            } finally {
                sendStarted = 0;
            }
        }
    }

    /** Closes the connection if one message has been sending longer than the time limit; called periodically. */
    void checkSendTime(long now) {
        long started = sendStarted;
        if (started != 0 && now - started > sendTimeLimitNanos) {
            closeSlowReader("a message waited longer than " + sendTimeLimitNanos / 1_000_000 + " ms to be sent");
        }
    }

    private void closeSlowReader(String reason) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            dropQueue();
        }
        log.info("Closing live connection {}: the client reads too slowly ({}).", getId(), reason);
        // Sending the close frame may itself wait for the client (at most Tomcat's blocking send timeout, set to the
        // time limit above), so it never runs on the caller's thread.
        senders.execute(() -> {
            try {
                getDelegate().close(new CloseStatus(SLOW_READER, "Client reads too slowly"));
            } catch (IOException | RuntimeException ex) {
                log.debug("Closing slow live connection {}: {}", getId(), ex.toString());
            }
        });
    }

    private void dropQueue() {
        queue.clear();
        totalQueued.addAndGet(-queuedBytes);
        queuedBytes = 0;
    }

    @Override
    public void close(CloseStatus status) throws IOException {
        synchronized (this) {
            closing = true;
            dropQueue();
        }
        super.close(status);
    }
}
