package news.live;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket within bounds: replaces the handler Spring Boot would create (its mapping at
 * {@code spring.graphql.websocket.path} then serves this one), with the same settings. Only in a web application:
 * without one there is no WebSocket to serve.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.graphql.websocket.path")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LiveConfiguration {

    @Bean
    LiveConnections liveConnections(LiveProperties settings) {
        return new LiveConnections(settings);
    }

    @Bean
    LiveOperations liveOperations(LiveConnections connections) {
        return new LiveOperations(connections);
    }

    @Bean
    @SuppressWarnings("unchecked")
    GraphQlWebSocketHandler graphQlWebSocketHandler(
            WebGraphQlHandler handler,
            GraphQlProperties properties,
            ObjectProvider<GraphQlCorsProperties> cors,
            LiveConnections connections,
            ObjectProvider<HandshakeInterceptor> handshakeInterceptors,
            JsonMapper json) {
        GraphQlCorsProperties corsProperties = cors.getIfAvailable();
        CorsConfiguration corsConfiguration = corsProperties == null ? null : corsProperties.toCorsConfiguration();
        return new LiveWebSocketHandler(
                handler,
                (HttpMessageConverter<Object>) (HttpMessageConverter<?>) new JacksonJsonHttpMessageConverter(json),
                properties.getWebsocket().getConnectionInitTimeout(),
                properties.getWebsocket().getKeepAlive(),
                // As Spring Boot does: without spring.graphql.cors settings, an empty configuration (same origin).
                corsConfiguration != null ? corsConfiguration : new CorsConfiguration(),
                connections,
                handshakeInterceptors.orderedStream().toList(),
                json);
    }
}
