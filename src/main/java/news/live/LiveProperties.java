package news.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds of the long-lived GraphQL connections (graphql-transport-ws at {@code spring.graphql.websocket.path}, and
 * Server-Sent Events streams, each counted as a connection), so that no client, anonymous or not, can hold more than a
 * known share of memory and threads.
 *
 * @param maxConnections WebSocket connections and Server-Sent Events streams open at once on this instance; an upgrade
 *        or a stream over it is answered 429. It must leave at least 1,000 of Tomcat's connections
 *        ({@code server.tomcat.max-connections}, 12,000) to plain HTTP requests, or the service does not start
 * @param maxConnectionsPerClient connections (and streams) open at once from one client address (IPv6 addresses by
 *        their /64 prefix, as the view rate limit counts them); an upgrade or a stream over it is answered 429
 * @param maxSubscriptionsPerConnection subscriptions running at once on one connection; one more is answered with an
 *        error {@code TOO_MANY_SUBSCRIPTIONS} and the others keep running
 * @param maxOperationsInFlight queries and mutations of one connection executing at once; one more is answered with
 *        an error {@code TOO_MANY_OPERATIONS} without being executed
 * @param sendBufferSize bytes of answers waiting to be sent to one connection; a connection whose client reads more
 *        slowly than that is closed (code 1008)
 * @param sendTimeLimit longest time one message may take to be sent; a client that stops reading for longer is closed
 *        (code 1008)
 * @param sendBufferTotal bytes of answers waiting to be sent over all connections of this instance; the connection
 *        whose answer would pass it is closed (code 1008), as a slow reader
 * @param fanOutPerSecond readers' subscriptions one announcing thread (there is one per processor) hands an event per
 *        second: each reader's answer is sent from a virtual thread of its connection, and thousands woken at once
 *        would hold every HTTP request of the instance behind them; at the default, 10,000 readers on two processors
 *        are handed an announcement within about half a second
 */
@ConfigurationProperties("news.live")
record LiveProperties(
        @DefaultValue("10000") int maxConnections,
        @DefaultValue("16") int maxConnectionsPerClient,
        @DefaultValue("20") int maxSubscriptionsPerConnection,
        @DefaultValue("8") int maxOperationsInFlight,
        @DefaultValue("2MB") DataSize sendBufferSize,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("256MB") DataSize sendBufferTotal,
        @DefaultValue("10000") int fanOutPerSecond) {

    LiveProperties {
        if (maxConnections < 1
                || maxConnectionsPerClient < 1
                || maxSubscriptionsPerConnection < 1
                || maxOperationsInFlight < 1) {
            throw new IllegalArgumentException("news.live limits must be at least 1");
        }
        if (fanOutPerSecond < 1000) {
            throw new IllegalArgumentException("news.live.fan-out-per-second must be at least 1000");
        }
        if (sendBufferSize.toBytes() < 1
                || sendBufferTotal.toBytes() < 1
                || sendTimeLimit.isNegative()
                || sendTimeLimit.isZero()) {
            throw new IllegalArgumentException(
                    "news.live.send-buffer-size, send-buffer-total and send-time-limit must be positive");
        }
    }
}
