package news.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * HTML pages rendered on the server from one public GraphQL query executed in-process, cached exactly like a
 * {@code GET /graphql} answer: the query runs with the same instrumentation ({@link PublicAnswers}), so the page
 * carries the surrogate keys of everything it shows and asked for ({@link SurrogateKeys}), and the {@code max-age} of
 * its shortest-lived root field; a strong {@code ETag} and {@code 304}s; and its {@code 200} answers are kept in the
 * origin's {@link ResponseCache}, which the keys every newsroom write affects drop ({@link PurgeKeys}), as the CDN
 * purge names them. A page whose query reported an error is never kept by any cache.
 */
public final class PublicPages {

    /** Longest wait for the in-process execution. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /**
     * What a page shows for the data of its query: a status with an HTML body, or a permanent redirect.
     *
     * @param status the HTTP status
     * @param html the body (null for a redirect)
     * @param location where a redirect leads (null otherwise)
     */
    public record Page(int status, String html, String location) {

        public static Page ok(String html) {
            return new Page(200, html, null);
        }

        public static Page notFound(String html) {
            return new Page(404, html, null);
        }

        public static Page unavailable(String html) {
            return new Page(503, html, null);
        }

        public static Page movedTo(String location) {
            return new Page(301, null, location);
        }

        /** Not a page of this kind at all: answered as any path the service does not know. */
        public static Page none() {
            return new Page(404, null, null);
        }
    }

    /**
     * The outcome of the page's query as its renderer sees it.
     *
     * @param data the query's data (empty when none)
     * @param failed whether the execution reported any error (a part of the page may be missing)
     */
    public record Answer(Map<String, Object> data, boolean failed) {}

    private final ExecutionGraphQlService graphQl;

    private final EdgeProperties settings;

    private final ResponseCache cache;

    private final EdgeMetrics metrics;

    PublicPages(ExecutionGraphQlService graphQl, EdgeProperties settings, ResponseCache cache, EdgeMetrics metrics) {
        this.graphQl = graphQl;
        this.settings = settings;
        this.cache = cache;
        this.metrics = metrics;
    }

    /**
     * Answers {@code request} with the page {@code render} makes of the answer to {@code document}: from the origin's
     * cache when an anonymous request asked the same before and no write has dropped it since.
     *
     * @param request the page request (its path names the cache entry; {@code If-None-Match} is honoured)
     * @param document a public query (never a mutation, never editors' fields)
     * @param variables its variables
     * @param render the page for the query's answer
     */
    public ResponseEntity<byte[]> serve(
            HttpServletRequest request, String document, Map<String, Object> variables, Function<Answer, Page> render) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        ResponseCache.Key key = null;
        long generation = 0;
        if (cache.usable() && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            key = new ResponseCache.Key("page " + request.getRequestURI(), null, null, null, HTML.toString());
            ResponseCache.Entry hit = cache.get(key);
            metrics.responseCache(hit != null);
            if (hit != null) {
                if (GraphQlGetHandler.matches(ifNoneMatch, hit.etag())) {
                    return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                            .headers(hit.headers())
                            .build();
                }
                return ResponseEntity.ok().headers(hit.headers()).body(hit.body());
            }
            generation = cache.generation();
        }

        PublicAnswer keys = new PublicAnswer();
        ExecutionGraphQlRequest query = new DefaultExecutionGraphQlRequest(
                document, null, variables, null, UUID.randomUUID().toString(), Locale.ROOT);
        query.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(context -> context.put(PublicAnswer.class, keys))
                        .build());
        ExecutionGraphQlResponse response = graphQl.execute(query).block(TIMEOUT);
        List<ResponseError> errors = response == null ? List.of() : response.getErrors();
        boolean failed = response == null || !errors.isEmpty();
        Map<String, Object> data = response == null || response.getData() == null ? Map.of() : response.getData();
        Page page = render.apply(new Answer(data, failed));
        if (page.html() == null && page.location() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }

        HttpHeaders headers = new HttpHeaders();
        if (failed || page.status() >= 500 || keys.mutationRefused) {
            // Errors may be of the moment (an outage): never kept by a shared cache.
            headers.setCacheControl("no-store");
        } else {
            keys.writeCacheHeaders(headers, settings);
        }
        if (page.location() != null) {
            headers.set(HttpHeaders.LOCATION, page.location());
            return ResponseEntity.status(page.status()).headers(headers).build();
        }
        byte[] body = page.html().getBytes(StandardCharsets.UTF_8);
        String etag = GraphQlGetHandler.etag(body);
        headers.setETag(etag);
        headers.setContentType(HTML);
        if (key != null && page.status() == 200 && !failed) {
            long seconds = keys.maxAgeSeconds(settings.lists().toSeconds());
            cache.put(
                    key,
                    new ResponseCache.Entry(
                            body, HTML, HttpHeaders.copyOf(headers), etag, Set.copyOf(keys.keys), seconds),
                    generation);
        }
        if (page.status() == 200 && GraphQlGetHandler.matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .headers(headers)
                    .build();
        }
        return ResponseEntity.status(page.status()).headers(headers).body(body);
    }
}
