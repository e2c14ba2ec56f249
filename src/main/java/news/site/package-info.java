/**
 * What holds for the whole site: {@link news.site.SiteProperties} (the zone in which times are rendered and calendar
 * days begin) and the one {@link java.time.Clock} that business time is read from, so tests can set the time. It
 * depends on no other package.
 */
@ApplicationModule(allowedDependencies = {})
package news.site;

import org.springframework.modulith.ApplicationModule;
