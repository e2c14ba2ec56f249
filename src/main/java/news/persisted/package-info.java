/**
 * Documents the service has seen or was given: every query text is parsed and validated once (a bounded cache keyed
 * by the text), Apollo's automatic persisted queries register a text under its SHA-256 hash (kept in memory in front
 * of the table {@code persisted_query}, which every instance shares), and in trusted-documents mode only the
 * operations of the shipped manifests run. It knows no feature; it plugs into the GraphQL engine.
 */
@ApplicationModule(allowedDependencies = {})
package news.persisted;

import org.springframework.modulith.ApplicationModule;
