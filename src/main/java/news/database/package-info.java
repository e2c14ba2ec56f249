/**
 * PostgreSQL as the other packages meet it. The embedded PostgreSQL that starts inside the process when no datasource
 * is configured, so the service runs with no setup (its auto-configuration is what development mode keys on to know
 * it runs on a developer's machine). A data source that fails fast while the database is down, and
 * {@link news.database.DatabaseUnavailable}, by which features and the GraphQL error mapping recognise that failure
 * and answer it as retryable. {@link news.database.RenderedStatements} and {@link news.database.Row}: statements
 * rendered by jOOQ once per shape and run on JDBC directly, rows read by position. Read replicas
 * ({@link news.database.ReplicaProperties}): statements of public reads ({@link news.database.PublicReads}) go to a
 * streaming replica that is up, current enough and past this instance's writes; everything else to the primary. It
 * depends on no other package.
 */
@ApplicationModule(allowedDependencies = {})
package news.database;

import org.springframework.modulith.ApplicationModule;
