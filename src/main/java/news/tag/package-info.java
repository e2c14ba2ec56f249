/**
 * Tags and the GraphQL fields of {@code Tag}. It offers the {@link news.tag.Tag} record and
 * {@link news.tag.TagCatalog} to look tags up by slug or id, for article filters and node resolution.
 */
@ApplicationModule(allowedDependencies = {"content", "db", "graphql"})
package news.tag;

import org.springframework.modulith.ApplicationModule;
