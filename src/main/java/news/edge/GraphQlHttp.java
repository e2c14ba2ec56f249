package news.edge;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What GET and POST {@code /graphql} share before anything runs: choosing the answer's media type from
 * {@code Accept} (quality values honoured: {@code q=0} means "not this"), reading the request's four members with
 * their types checked, and the classified JSON error a malformed request gets instead of a stack trace.
 */
final class GraphQlHttp {

    private GraphQlHttp() {}

    /** The media types an answer can have, the preferred one first. */
    private static final List<MediaType> SUPPORTED =
            List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON);

    /** A request that cannot run as sent: answered with {@code status} and a classified error, nothing executed. */
    static final class Refusal extends RuntimeException {

        final HttpStatus status;

        final String code;

        Refusal(HttpStatus status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        static Refusal badRequest(String message) {
            return new Refusal(HttpStatus.BAD_REQUEST, "BAD_REQUEST", message);
        }
    }

    /**
     * The media type of the answer, as {@code Accept} ranks them: each supported type takes the quality of the most
     * specific range that names it (so {@code application/json;q=0, * / *} excludes JSON), types with quality 0 are
     * never chosen, the highest quality wins, then a type named exactly over one matched by a wildcard, then the one
     * listed first; {@code wildcardChoice} breaks a tie between two types matched by the same range. No
     * {@code Accept}: JSON.
     *
     * @throws Refusal 406 when no supported type is acceptable or the header cannot be parsed
     */
    static MediaType responseType(List<String> acceptHeaders, MediaType wildcardChoice) {
        if (acceptHeaders == null
                || acceptHeaders.isEmpty()
                || acceptHeaders.stream().allMatch(h -> h == null || h.isBlank())) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(acceptHeaders);
        } catch (IllegalArgumentException ex) {
            throw notAcceptable("The Accept header could not be parsed.");
        }
        MediaType best = null;
        double bestQuality = 0;
        int bestSpecificity = -1;
        int bestPosition = Integer.MAX_VALUE;
        for (MediaType supported : SUPPORTED) {
            int position = -1;
            int specificity = -1;
            double quality = 0;
            for (int i = 0; i < ranges.size(); i++) {
                MediaType range = ranges.get(i);
                if (!range.includes(supported)) {
                    continue;
                }
                int s = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                if (s > specificity) {
                    specificity = s;
                    quality = range.getQualityValue();
                    position = i;
                }
            }
            if (specificity < 0 || quality <= 0) {
                continue;
            }
            boolean better = quality > bestQuality
                    || (quality == bestQuality && specificity > bestSpecificity)
                    || (quality == bestQuality && specificity == bestSpecificity && position < bestPosition)
                    || (quality == bestQuality
                            && specificity == bestSpecificity
                            && position == bestPosition
                            && supported.equals(wildcardChoice));
            if (best == null || better) {
                best = supported;
                bestQuality = quality;
                bestSpecificity = specificity;
                bestPosition = position;
            }
        }
        if (best == null) {
            throw notAcceptable("This endpoint answers only application/graphql-response+json or application/json,"
                    + " and the Accept header allows neither.");
        }
        return best;
    }

    private static Refusal notAcceptable(String message) {
        return new Refusal(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", message);
    }

    /**
     * The GraphQL request of a JSON body: an object whose {@code query} and {@code operationName} are strings and
     * whose {@code variables} and {@code extensions} are objects (each may be absent or null; other members are
     * ignored).
     *
     * @throws Refusal 400 naming what is wrong
     */
    @SuppressWarnings("unchecked")
    static SerializableGraphQlRequest request(JsonNode body, JsonMapper json) {
        if (body == null || body.isMissingNode()) {
            throw Refusal.badRequest("The request body is empty; it must be a JSON object with a 'query'.");
        }
        if (body.isArray()) {
            throw Refusal.badRequest(
                    "The request body is a JSON array; batched requests are not supported, send one object.");
        }
        if (!body.isObject()) {
            throw Refusal.badRequest("The request body must be a JSON object with a 'query', not "
                    + (body.isNull() ? "null" : body.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ".");
        }
        SerializableGraphQlRequest request = new SerializableGraphQlRequest();
        request.setQuery(text(body, "query"));
        request.setOperationName(text(body, "operationName"));
        Map<String, Object> variables = object(body, "variables", json);
        if (variables != null) {
            request.setVariables(variables);
        }
        Map<String, Object> extensions = object(body, "extensions", json);
        if (extensions != null) {
            request.setExtensions(extensions);
        }
        requireDocument(request.getQuery(), extensions);
        return request;
    }

    /** A request needs a document: its text, or the hash of a persisted one. */
    static void requireDocument(String query, Map<String, Object> extensions) {
        if (query == null && GraphQlGetHandler.PersistedHash.of(extensions) == null) {
            throw Refusal.badRequest("The request needs a 'query', or extensions.persistedQuery.sha256Hash.");
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw Refusal.badRequest("'" + name + "' must be a string.");
        }
        return value.asString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode body, String name, JsonMapper json) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw Refusal.badRequest("'" + name + "' must be a JSON object.");
        }
        return json.treeToValue(value, Map.class);
    }

    /**
     * The classified error of a refused request, in the GraphQL response shape: {@code {"errors": [{"message",
     * "extensions": {"classification", "code"}}]}}. Never stored by a cache.
     */
    static ServerResponse refusal(Refusal refusal, MediaType mediaType, JsonMapper json) {
        return refusalAnswer(refusal, mediaType, json).toServerResponse();
    }

    /** {@link #refusal} as an {@link Answer}. */
    static Answer refusalAnswer(Refusal refusal, MediaType mediaType, JsonMapper json) {
        Map<String, Object> error = Map.of(
                "message",
                refusal.getMessage(),
                "extensions",
                Map.of("classification", refusal.code, "code", refusal.code));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        if (refusal.status == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            // What a client may send instead (RFC 9110, 15.5.16).
            headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        }
        return new Answer(
                refusal.status,
                headers,
                mediaType == null ? MediaType.APPLICATION_JSON : mediaType,
                json.writeValueAsBytes(Map.of("errors", List.of(error))));
    }

    /**
     * A complete answer to a GraphQL request over HTTP: sent by Spring MVC ({@link #toServerResponse}), or written
     * straight to the servlet response by a filter that answers before it ({@link #writeTo}); the two write the same
     * status, headers and bytes. A 304 has neither a content type nor a body (both null).
     */
    record Answer(HttpStatus status, HttpHeaders headers, MediaType contentType, byte[] body) {

        ServerResponse toServerResponse() {
            ServerResponse.BodyBuilder builder = ServerResponse.status(status).headers(h -> h.putAll(headers));
            return body == null
                    ? builder.build()
                    : builder.contentType(contentType).body(body);
        }

        void writeTo(HttpServletResponse response) throws IOException {
            response.setStatus(status.value());
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            if (body == null) {
                return;
            }
            response.setContentType(contentType.toString());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /**
     * The GraphQL request of an HTTP request, as Spring's own handlers make it, but sharing the request's id (the one
     * in logs and in {@code X-Request-Id}) and with the URI the caller read.
     */
    static WebGraphQlRequest webRequest(ServerRequest request, URI uri, SerializableGraphQlRequest body) {
        HttpServletRequest servlet = request.servletRequest();
        String id = RequestIds.of(servlet);
        return new WebGraphQlRequest(
                uri,
                request.headers().asHttpHeaders(),
                cookies(servlet),
                request.remoteAddress().orElse(null),
                request.attributes(),
                body,
                id != null ? id : RequestIds.randomId(),
                LocaleContextHolder.getLocale());
    }

    /**
     * {@link #webRequest(ServerRequest, URI, SerializableGraphQlRequest)} from the servlet request itself, for answers
     * made before Spring MVC: the same headers, address and cookies; the request's attributes as they are when it
     * runs (a mark object among them, such as {@code PrivateResponses}', is the same object).
     */
    static WebGraphQlRequest webRequest(HttpServletRequest servlet, URI uri, SerializableGraphQlRequest body) {
        ServletServerHttpRequest server = new ServletServerHttpRequest(servlet);
        String id = RequestIds.of(servlet);
        Map<String, Object> attributes = new HashMap<>();
        for (String name : Collections.list(servlet.getAttributeNames())) {
            attributes.put(name, servlet.getAttribute(name));
        }
        return new WebGraphQlRequest(
                uri,
                server.getHeaders(),
                cookies(servlet),
                server.getRemoteAddress(),
                attributes,
                body,
                id != null ? id : RequestIds.randomId(),
                LocaleContextHolder.getLocale());
    }

    /**
     * The request's URL without its query string, parsed once per distinct URL: requests to one endpoint under one
     * host name all have the same, and parsing costs more than comparing.
     */
    static final class RequestUris {

        private volatile RequestUrl last;

        URI of(HttpServletRequest request) {
            String url = request.getRequestURL().toString();
            RequestUrl known = last;
            if (known != null && known.text().equals(url)) {
                return known.uri();
            }
            try {
                URI uri = URI.create(url);
                last = new RequestUrl(url, uri);
                return uri;
            } catch (IllegalArgumentException ex) {
                return new ServletServerHttpRequest(request).getURI();
            }
        }

        private record RequestUrl(String text, URI uri) {}
    }

    private static MultiValueMap<String, HttpCookie> cookies(HttpServletRequest servlet) {
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        Cookie[] all = servlet.getCookies();
        if (all != null) {
            for (Cookie cookie : all) {
                cookies.add(cookie.getName(), new HttpCookie(cookie.getName(), cookie.getValue()));
            }
        }
        return cookies;
    }
}
