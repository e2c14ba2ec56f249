package news.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
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

    /**
     * The largest text message a client may send, in characters (a {@code subscribe} with its document); a longer
     * one closes the connection with 1009. Tomcat's default, stated here: every connection holds a buffer of this
     * size for the message it is reading.
     */
    static final int MAX_TEXT_MESSAGE = 8192;

    /**
     * graphql-transport-ws is text only, and binary messages are refused (1003, or 1009 over this size), so each
     * connection's buffer for them is small instead of Tomcat's 8 KB.
     */
    static final int MAX_BINARY_MESSAGE = 1024;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_TEXT_MESSAGE);
        container.setMaxBinaryMessageBufferSize(MAX_BINARY_MESSAGE);
        return container;
    }

    /**
     * Spring Boot's GraphQL service, made as Boot makes it, with readers' WebSocket subscriptions sharing their
     * executions ({@link SharedSubscriptions}); everything else passes through it unchanged.
     */
    @Bean
    ExecutionGraphQlService executionGraphQlService(
            GraphQlSource source, BatchLoaderRegistry loaders, LiveProperties settings) {
        DefaultExecutionGraphQlService service = new DefaultExecutionGraphQlService(source);
        service.addDataLoaderRegistrar(loaders);
        return new SharedSubscriptions(service, PublishedArticles.shards(), settings.fanOutPerSecond());
    }

    /**
     * What an operator watches while a breaking story draws readers: open connections, the bytes waiting to be sent
     * to them, and how many executions serve how many readers' subscriptions.
     */
    @Bean
    MeterBinder liveMeters(LiveConnections connections, ExecutionGraphQlService service) {
        return registry -> {
            Gauge.builder("news.live.connections", connections, LiveConnections::open)
                    .description("GraphQL WebSocket connections and Server-Sent Events streams open now")
                    .register(registry);
            Gauge.builder("news.live.queued", connections, LiveConnections::queuedBytes)
                    .description("Bytes of answers waiting to be sent, over all connections")
                    .baseUnit("bytes")
                    .register(registry);
            if (service instanceof SharedSubscriptions shared) {
                Gauge.builder("news.live.shared.executions", shared, SharedSubscriptions::running)
                        .description("Executions serving readers' subscriptions now (one per distinct subscription"
                                + " and shard)")
                        .register(registry);
                Gauge.builder("news.live.shared.subscriptions", shared, SharedSubscriptions::subscribers)
                        .description("Readers' subscriptions those executions serve now")
                        .register(registry);
            }
        };
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
