/**
 * Live updates for readers' clients: {@code Subscription.articlePublished}, the "UPDATE" list as it grows. It follows
 * the newsroom's {@link news.content.ContentChanged} events (this instance's and, by notification, the others') and
 * reads articles through the public catalog, so it announces only what readers may see. Readers subscribed to the
 * same thing share one execution; whether a connection is a reader's comes from the security package. It owns no
 * tables.
 */
@ApplicationModule(allowedDependencies = {"article", "content", "section", "security"})
package news.live;

import org.springframework.modulith.ApplicationModule;
