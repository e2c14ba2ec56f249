/**
 * {@code Query.node}: any object by its global id, resolved through the catalogs of the article, section, reporter
 * and tag packages. It offers nothing to other packages.
 */
@ApplicationModule(allowedDependencies = {"article", "graphql", "reporter", "section", "tag"})
package news.node;

import org.springframework.modulith.ApplicationModule;
