/**
 * Access control: bearer tokens (from an identity provider, or a development secret), editor roles, CORS, answers
 * kept private, and the development token endpoint where the embedded database runs. It offers
 * {@link news.security.Editors}, the name of the editor behind the current request, for audit and authorship, and
 * whether a live connection carries any token (readers' subscriptions are shared only without one), and
 * {@link news.security.DevelopmentMode}, present only on a developer's machine, on which the demo newsroom keys. It
 * uses the GraphQL package's errors and the database package's embedded PostgreSQL configuration.
 */
@ApplicationModule(allowedDependencies = {"database", "graphql"})
package news.security;

import org.springframework.modulith.ApplicationModule;
