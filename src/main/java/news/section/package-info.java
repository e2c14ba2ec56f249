/**
 * The tree of sections: breadcrumbs and the GraphQL fields of {@code Section}. It offers the
 * {@link news.section.Section} record and {@link news.section.SectionDirectory}, a short-lived shared copy of the tree
 * that writers invalidate after a change.
 */
@ApplicationModule(allowedDependencies = {"content", "db", "graphql"})
package news.section;

import org.springframework.modulith.ApplicationModule;
