/**
 * Small helpers with no feature of their own, such as {@link news.support.Slugs} for URL slugs and {@link
 * news.support.WebhookSignature} for signing what is posted to webhooks. It depends on no
 * other package.
 */
@ApplicationModule(allowedDependencies = {})
package news.support;

import org.springframework.modulith.ApplicationModule;
