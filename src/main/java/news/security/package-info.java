/**
 * Access control: bearer tokens (from an identity provider, or a development secret), editor roles, CORS, and the
 * development token endpoint where the embedded database runs. It offers {@link news.security.Editors}, the name of
 * the editor behind the current request, for audit and authorship.
 */
@ApplicationModule(allowedDependencies = {"database", "graphql"})
package news.security;

import org.springframework.modulith.ApplicationModule;
