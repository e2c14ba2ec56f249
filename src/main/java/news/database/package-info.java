/**
 * The embedded PostgreSQL that starts inside the process when no datasource is configured, so the service runs with
 * no setup. It offers its auto-configuration, which the development token endpoint keys on to know it runs on a
 * developer's machine.
 */
@ApplicationModule(allowedDependencies = {})
package news.database;

import org.springframework.modulith.ApplicationModule;
