package news.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live connections of this instance and their bounds ({@link LiveProperties}), for both transports that push
 * events: WebSocket connections ({@link LiveConfiguration}) and Server-Sent Events streams ({@link LiveStreams}),
 * which are bounded also when the WebSocket endpoint is turned off.
 */
@Configuration(proxyBeanMethods = false)
class LiveBounds {

    @Bean
    LiveConnections liveConnections(LiveProperties settings) {
        return new LiveConnections(settings);
    }

    @Bean
    LiveStreams sseStreams(LiveConnections connections) {
        return new LiveStreams(connections);
    }
}
