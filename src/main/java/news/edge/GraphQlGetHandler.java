package news.edge;

import graphql.ExecutionResult;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /graphql} as the GraphQL-over-HTTP specification describes it: {@code query}, {@code operationName},
 * and URL-encoded JSON {@code variables} and {@code extensions} in the query string, executed by the same
 * {@link WebGraphQlHandler} (so every interceptor applies) as POST. A mutation is answered 405 with {@code Allow:
 * POST}. A public answer carries {@code Cache-Control}, a strong {@code ETag} of its body, and its surrogate keys; a
 * matching {@code If-None-Match} gets 304 without a body. The body is serialized once, to bytes, and hashed from them.
 * Public answers to anonymous requests are kept in the {@link ResponseCache}: a repeat (or its 304) executes nothing.
 */
final class GraphQlGetHandler {

    private static final MessageDigest SHA_256 = lookUpSha256();

    private final WebGraphQlHandler graphQl;

    private final JsonMapper json;

    private final EdgeProperties settings;

    private final EdgeMetrics metrics;

    private final ResponseCache cache;

    private final AnswerJson answers;

    /** The query string is the GraphQL request itself, already read: the URI is the URL without it. */
    private final GraphQlHttp.RequestUris uris = new GraphQlHttp.RequestUris();

    /** Writes variables and extensions with map keys sorted: equal values, equal cache keys. */
    private final JsonMapper canonical;

    GraphQlGetHandler(
            WebGraphQlHandler graphQl,
            JsonMapper json,
            EdgeProperties settings,
            EdgeMetrics metrics,
            ResponseCache cache) {
        this.graphQl = graphQl;
        this.json = json;
        this.answers = new AnswerJson(json);
        this.settings = settings;
        this.metrics = metrics;
        this.cache = cache;
        this.canonical = json.rebuild()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    ServerResponse handle(ServerRequest request) {
        CompletableFuture<GraphQlHttp.Answer> answered = answer(request.servletRequest());
        // Executions that finish on this thread (all public reads do) are answered at once: an asynchronous answer
        // sends the request through the servlet filters a second time.
        if (answered.isDone() && !answered.isCompletedExceptionally()) {
            return answered.join().toServerResponse();
        }
        return ServerResponse.async(answered.thenApply(GraphQlHttp.Answer::toServerResponse));
    }

    /**
     * The answer to a GET: a refusal or a kept answer at once, or the execution's answer when it completes. Made from
     * the servlet request alone, so Spring MVC ({@link #handle}) and the filter that answers anonymous requests before
     * it ({@link AnonymousGraphQlFilter}) send the same bytes.
     */
    CompletableFuture<GraphQlHttp.Answer> answer(HttpServletRequest request) {
        MediaType mediaType;
        try {
            mediaType = GraphQlHttp.responseType(
                    Collections.list(request.getHeaders(HttpHeaders.ACCEPT)), MediaTypes.APPLICATION_GRAPHQL_RESPONSE);
        } catch (GraphQlHttp.Refusal refusal) {
            return CompletableFuture.completedFuture(GraphQlHttp.refusalAnswer(refusal, null, json));
        }
        SerializableGraphQlRequest body = new SerializableGraphQlRequest();
        try {
            Map<String, String[]> params = request.getParameterMap();
            body.setQuery(single(params, "query"));
            body.setOperationName(single(params, "operationName"));
            body.setVariables(object(params, "variables"));
            body.setExtensions(object(params, "extensions"));
            GraphQlHttp.requireDocument(body.getQuery(), body.getExtensions());
        } catch (GraphQlHttp.Refusal refusal) {
            return CompletableFuture.completedFuture(GraphQlHttp.refusalAnswer(refusal, mediaType, json));
        }
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        ResponseCache.Key key = null;
        long generation = 0;
        // Only anonymous requests: an Authorization header makes the answer private whatever it holds.
        if (cache.usable() && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            key = cacheKey(body, mediaType);
            ResponseCache.Entry hit = cache.get(key);
            metrics.responseCache(hit != null);
            if (hit != null) {
                return CompletableFuture.completedFuture(fromCache(hit, ifNoneMatch));
            }
            generation = cache.generation();
        }
        PublicAnswer answer = new PublicAnswer();
        WebGraphQlRequest graphQlRequest = GraphQlHttp.webRequest(request, uris.of(request), body);
        graphQlRequest.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(context -> context.put(PublicAnswer.class, answer))
                        .build());
        ResponseCache.Key cacheKey = key;
        long startedIn = generation;
        return graphQl.handleRequest(graphQlRequest)
                .map(response -> respond(response, answer, mediaType, ifNoneMatch, cacheKey, startedIn))
                .toFuture();
    }

    private ResponseCache.Key cacheKey(SerializableGraphQlRequest body, MediaType mediaType) {
        String document = body.getQuery();
        if (document == null) {
            // A persisted document sent by its hash alone: the hash names one document text.
            document = "sha256:" + PersistedHash.of(body.getExtensions());
        }
        return new ResponseCache.Key(
                document,
                body.getOperationName(),
                body.getVariables() == null ? null : canonical.writeValueAsString(body.getVariables()),
                body.getExtensions() == null ? null : canonical.writeValueAsString(body.getExtensions()),
                mediaType.toString());
    }

    /** A kept answer, its headers shared as they are: an answer's headers are only read when it is written. */
    private GraphQlHttp.Answer fromCache(ResponseCache.Entry hit, String ifNoneMatch) {
        if (matches(ifNoneMatch, hit.etag())) {
            metrics.notModified();
            return new GraphQlHttp.Answer(HttpStatus.NOT_MODIFIED, hit.headers(), null, null);
        }
        metrics.fullAnswer(false);
        return new GraphQlHttp.Answer(HttpStatus.OK, hit.headers(), hit.mediaType(), hit.body());
    }

    private GraphQlHttp.Answer respond(
            WebGraphQlResponse response,
            PublicAnswer answer,
            MediaType mediaType,
            String ifNoneMatch,
            ResponseCache.Key cacheKey,
            long startedIn) {
        byte[] bytes = answers.write(response.toMap());
        ExecutionResult result = response.getExecutionResult();
        if (answer.mutationRefused) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.ALLOW, HttpMethod.POST.name());
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            return new GraphQlHttp.Answer(HttpStatus.METHOD_NOT_ALLOWED, headers, mediaType, bytes);
        }
        HttpStatus status = !result.isDataPresent() && mediaType.equals(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
                ? HttpStatus.BAD_REQUEST
                : HttpStatus.OK;
        HttpHeaders given = response.getResponseHeaders();
        // PrivateOperations has set Cache-Control on answers that used a token or touched editors' data; the
        // servlet filter behind it keeps them private whatever is set here.
        boolean isPrivate = given.containsHeader(HttpHeaders.CACHE_CONTROL);
        String etag = etag(bytes);
        boolean notModified = status == HttpStatus.OK && matches(ifNoneMatch, etag);
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(given);
        headers.setETag(etag);
        headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (!isPrivate) {
            if (status != HttpStatus.OK || !result.getErrors().isEmpty()) {
                // Errors may be of the moment (an outage): never kept by a shared cache.
                headers.setCacheControl("no-store");
            } else {
                long maxAge = answer.writeCacheHeaders(headers, settings);
                // Kept with the headers as they are now: those of a public answer are complete at this point.
                if (cacheKey != null) {
                    cache.put(
                            cacheKey,
                            new ResponseCache.Entry(
                                    bytes,
                                    mediaType,
                                    HttpHeaders.copyOf(headers),
                                    etag,
                                    Set.copyOf(answer.keys),
                                    keptFor(result, maxAge)),
                            startedIn);
                }
            }
        }
        if (notModified) {
            metrics.notModified();
            return new GraphQlHttp.Answer(HttpStatus.NOT_MODIFIED, headers, null, null);
        }
        metrics.fullAnswer(isPrivate);
        return new GraphQlHttp.Answer(status, headers, mediaType, bytes);
    }

    /**
     * How long the origin keeps an answer: its {@code max-age}, but no longer than a list's when a root field is null
     * (an article not visible yet may become visible at its scheduled time, with no write to drop the answer).
     */
    private long keptFor(ExecutionResult result, long maxAge) {
        if (result.getData() instanceof Map<?, ?> data && data.containsValue(null)) {
            return Math.min(maxAge, settings.lists().toSeconds());
        }
        return maxAge;
    }

    /** A strong validator: the body's SHA-256, so equal bodies (on any instance) have equal tags. */
    static String etag(byte[] body) {
        byte[] digest = sha256().digest(body);
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
    }

    /** A fresh digest, copied from one looked up once (a lookup goes through the security providers). */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException ex) {
            return lookUpSha256();
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** If-None-Match uses the weak comparison: {@code W/"x"} matches {@code "x"}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw GraphQlHttp.Refusal.badRequest("The parameter " + name + " is given more than once.");
        }
        return values[0];
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Map<String, String[]> params, String name) {
        String text = single(params, name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            Object value = json.readValue(text, Object.class);
            if (value == null) {
                return null;
            }
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException ex) {
            // answered below
        }
        throw GraphQlHttp.Refusal.badRequest("The parameter " + name + " must be a JSON object.");
    }

    /** Apollo's {@code extensions.persistedQuery.sha256Hash}. */
    static final class PersistedHash {
        private PersistedHash() {}

        static String of(Map<String, Object> extensions) {
            if (extensions != null
                    && extensions.get("persistedQuery") instanceof Map<?, ?> persisted
                    && persisted.get("sha256Hash") instanceof String hash) {
                return hash;
            }
            return null;
        }
    }
}
