/**
 * What a CDN and the common GraphQL clients expect of the endpoint: queries over {@code GET} (mutations only over
 * {@code POST}), strict reading of request bodies, {@code Cache-Control}, strong {@code ETag}s and {@code 304}s for
 * public reads, surrogate keys naming every article, section, reporter and list in an answer, the origin's own cache
 * of public GET answers, a purge naming the keys every newsroom write affects (event, log line, signed webhook), a
 * request id on every log line and response, and per-operation timings. It reads the article, section, reporter and
 * tag catalogs to name the keys a change affects (once per change, {@link news.content.AffectedKeys}), drops and
 * purges them as steps of {@link news.content.AfterCommit}, and follows analytics'
 * {@link news.analytics.RankingsChanged}. It owns the {@code news.edge.*} settings. Its one offer to other modules is {@link news.edge.PublicPages}: an HTML
 * page rendered from a public query executed in-process, with the same caching headers, origin cache and purges as a
 * GET answer (the reader's article pages use it).
 */
@ApplicationModule(
        allowedDependencies = {"analytics :: events", "article", "content", "reporter", "section", "support", "tag"})
package news.edge;

import org.springframework.modulith.ApplicationModule;
