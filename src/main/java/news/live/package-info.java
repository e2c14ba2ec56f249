/**
 * Live updates for readers' clients: {@code Subscription.articlePublished}, the "UPDATE" list as it grows. It follows
 * the newsroom's {@link news.content.ContentChanged} events (this instance's and, by notification, the others') and
 * reads articles through the public catalog, so it announces only what readers may see. Readers subscribed to the
 * same thing share one execution; whether a connection is a reader's comes from the security package. Its bounds on
 * live connections hold for both transports that push events: WebSocket connections, and the Server-Sent Events
 * streams of the GraphQL package ({@link news.graphql.SseStreams}). It owns no tables.
 */
@ApplicationModule(allowedDependencies = {"article", "content", "graphql", "section", "security"})
package news.live;

import org.springframework.modulith.ApplicationModule;
