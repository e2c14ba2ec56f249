/**
 * The reference reader page: every published article at the path of its {@code Article.url}, rendered on the server
 * as HTML from one public GraphQL query executed in-process (breadcrumb, headline, time in the newsroom's zone,
 * byline, photo, body, "Selengkapnya", "Populer" and "UPDATE"), cached and purged like a GET answer through
 * {@link news.edge.PublicPages}; and {@code /beacon.js}, the script that reports a view to {@code POST /views} from
 * this page or any other site's. It reads no table: everything it shows comes through GraphQL.
 */
@ApplicationModule(allowedDependencies = {"edge", "site"})
package news.reader;

import org.springframework.modulith.ApplicationModule;
