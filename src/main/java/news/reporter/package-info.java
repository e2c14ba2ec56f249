/**
 * Reporters: the {@code reporter} query and the fields of {@code Reporter} (the article package lists their
 * articles). It offers the {@link news.reporter.Reporter} record and {@link news.reporter.ReporterCatalog} to look
 * reporters up by slug or id, for bylines, filters and node resolution.
 */
@ApplicationModule(allowedDependencies = {"content", "db", "graphql"})
package news.reporter;

import org.springframework.modulith.ApplicationModule;
