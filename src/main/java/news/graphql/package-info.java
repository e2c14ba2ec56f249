/**
 * What every GraphQL feature shares: the {@code DateTime} scalar, global ids, page sizes and {@code PageInfo}, the
 * query depth and complexity limits, and the mapping of exceptions to classified errors. Features throw
 * {@link news.graphql.BadInputException} or {@link news.graphql.ConflictException} and this package answers the
 * client; it depends only on the site-wide settings.
 */
@ApplicationModule(allowedDependencies = {"database", "site"})
package news.graphql;

import org.springframework.modulith.ApplicationModule;
