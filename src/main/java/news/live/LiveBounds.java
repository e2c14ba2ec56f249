package news.live;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The live connections of this instance and their bounds ({@link LiveProperties}), for both transports that push
 * events: WebSocket connections ({@link LiveConfiguration}) and Server-Sent Events streams ({@link LiveStreams}),
 * which are bounded also when the WebSocket endpoint is turned off.
 * <p>
 * Live connections are Tomcat's connections held open; once Tomcat holds {@code server.tomcat.max-connections} it
 * accepts no more, and every new reader waits. So the service does not start unless {@code news.live.max-connections}
 * leaves at least {@link #HTTP_RESERVE} of them to plain HTTP requests: clients holding every live connection they
 * may open cannot keep the newsroom's readers out.
 */
@Configuration(proxyBeanMethods = false)
class LiveBounds {

    /** Tomcat's connections that live connections may never take. */
    static final int HTTP_RESERVE = 1_000;

    /** Tomcat's own bound, when {@code server.tomcat.max-connections} is not set. */
    static final int TOMCAT_DEFAULT_MAX_CONNECTIONS = 8_192;

    @Bean
    LiveConnections liveConnections(LiveProperties settings, Environment environment) {
        int tomcat = Binder.get(environment)
                .bind("server.tomcat.max-connections", Integer.class)
                .orElse(TOMCAT_DEFAULT_MAX_CONNECTIONS);
        checkRoomForHttp(settings.maxConnections(), tomcat);
        return new LiveConnections(settings);
    }

    @Bean
    LiveStreams sseStreams(LiveConnections connections) {
        return new LiveStreams(connections);
    }

    /** Refuses live bounds that would let live connections take Tomcat's last connections ({@code -1}: unbounded). */
    static void checkRoomForHttp(int live, int tomcat) {
        if (tomcat >= 0 && live > tomcat - HTTP_RESERVE) {
            throw new IllegalStateException("news.live.max-connections (" + live + ") must leave at least "
                    + HTTP_RESERVE + " of server.tomcat.max-connections (" + tomcat + ") to plain HTTP requests:"
                    + " otherwise clients holding that many live connections open would keep every new reader"
                    + " out. Raise server.tomcat.max-connections or lower news.live.max-connections.");
        }
    }
}
