/**
 * Live updates for readers' clients: {@code Subscription.articlePublished}, the "UPDATE" list as it grows. It follows
 * the newsroom's {@link news.content.ContentChanged} events (this instance's and, by notification, the others') and
 * reads articles through the public catalog, so it announces only what readers may see. It owns no tables.
 */
@ApplicationModule(allowedDependencies = {"article", "content", "section"})
package news.live;

import org.springframework.modulith.ApplicationModule;
