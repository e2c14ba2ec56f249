/**
 * What every GraphQL feature shares: the {@code DateTime} scalar, global ids, page sizes and {@code PageInfo}, the
 * query depth and complexity limits, the screening of argument values before anything runs, and the mapping of
 * exceptions to classified errors. Features throw {@link news.graphql.BadInputException},
 * {@link news.graphql.ConflictException} or {@link news.graphql.BusyException} and this package answers the client.
 * It depends on the site-wide settings (the newsroom zone) and on {@link news.database.DatabaseUnavailable}, to answer
 * an unreachable database as {@code UNAVAILABLE} and retryable.
 */
@ApplicationModule(allowedDependencies = {"database", "site"})
package news.graphql;

import org.springframework.modulith.ApplicationModule;
