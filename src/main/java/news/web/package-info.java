/**
 * The HTTP edge in front of every endpoint: request body limits (one cap for all, smaller ones declared by features as
 * {@link news.web.BodyLimit} beans) and JSON error bodies at every level, from Tomcat's own reports to bare statuses.
 * It knows no feature; features use it to declare their limits.
 */
@ApplicationModule(allowedDependencies = {})
package news.web;

import org.springframework.modulith.ApplicationModule;
