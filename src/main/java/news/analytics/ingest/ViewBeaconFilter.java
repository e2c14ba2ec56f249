package news.analytics.ingest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import news.database.DatabaseBusy;
import news.database.DatabaseUnavailable;
import news.graphql.GraphQlLimits;
import news.graphql.StorableText;
import news.web.BodyLimit;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /views}: one view as {@code navigator.sendBeacon} sends it. The body is a small JSON object
 * ({@code {"articleId": "...", "visitorId": "...", "referrer": "...", "utm_source": "...", "utm_medium": "...",
 * "utm_campaign": "..."}}, all but {@code articleId} optional) under whatever content type the browser chose
 * ({@code text/plain;charset=UTF-8} for a string, {@code application/json} for a typed Blob), or the same fields as
 * form data ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}). Answers 204 whether or not
 * the view was counted (a duplicate, a bot or a client over its rate limit learns nothing), 404 for an id that names
 * no published article, 400 for a malformed body or id or a text field GraphQL's {@code recordView} would refuse (a NUL
 * character, an unpaired surrogate, over {@code news.graphql.max-string-length}: the same check), 413 for a body over {@value #MAX_BODY} bytes, whatever its
 * content type (the request body limit refuses it before it is read, see {@link IngestionConfiguration}), 503 with
 * {@code Retry-After} when the article could not be checked because the database is unavailable or no connection was
 * free (nothing was counted then).
 * <p>
 * A body with {@code "engaged": N} (a whole number of seconds, 0 to
 * {@code news.analytics.engaged.max-seconds-per-heartbeat}) is a heartbeat of engaged time, not a view
 * ({@link ViewRecorder#heartbeat}); it is answered the same way. Heartbeats share this endpoint so that a page that
 * may send views (CORS, its Content-Security-Policy's {@code connect-src}, the body limit) may send them too.
 * <p>
 * Every request to {@code /views} is answered here, a servlet filter that runs right after the request's id is given
 * ({@code X-Request-Id}) and before Spring Security's chain, the {@code http.server.requests} timer and Spring MVC: a
 * beacon carries no token and reads nothing private, and the work of those layers was half of the CPU this service
 * spent per beacon (a page sends one every 15 s per reader). What they did for it is done here: CORS with the
 * configuration the security chain uses for {@code /views} (any origin, no credentials), the body limit (a declared
 * {@code Content-Length} over {@value #MAX_BODY} bytes is refused unread), 405 with {@code Allow} for any method but
 * {@code POST} and {@code OPTIONS}. Beacons are counted by {@code news.views} and {@code news.heartbeats}, not by
 * {@code http.server.requests}.
 */
final class ViewBeaconFilter implements Filter {

    static final int MAX_BODY = 4096;

    private static final CorsProcessor CORS = new DefaultCorsProcessor();

    private final CorsConfigurationSource cors;

    private final ViewRecorder recorder;

    private final JsonMapper json;

    private final int maxStringLength;

    private final int maxSecondsPerHeartbeat;

    ViewBeaconFilter(
            ViewRecorder recorder,
            JsonMapper json,
            GraphQlLimits limits,
            news.analytics.AnalyticsProperties settings,
            CorsConfigurationSource cors) {
        this.cors = cors;
        this.recorder = recorder;
        this.json = json;
        this.maxStringLength = limits.maxStringLength();
        this.maxSecondsPerHeartbeat = settings.engaged().maxSecondsPerHeartbeat();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        CorsConfiguration configuration = cors.getCorsConfiguration(request);
        if (configuration != null && !CORS.processRequest(configuration, request, response)) {
            // An origin or preflight the configuration refuses: the processor has answered 403.
            return;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST, OPTIONS");
            if ("OPTIONS".equals(request.getMethod())) {
                return;
            }
            // The error page writes the service's JSON error body.
            response.sendError(HttpStatus.METHOD_NOT_ALLOWED.value());
            return;
        }
        write(response, view(request));
    }

    /** Writes an answer: 204 without a body, or its status with {@code {"error": ...}} and its extra headers. */
    private void write(HttpServletResponse response, ResponseEntity<Map<String, ?>> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (answer.getBody() != null) {
            byte[] body = json.writeValueAsBytes(answer.getBody());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private ResponseEntity<Map<String, ?>> view(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return tooLarge();
        }
        MediaType type = contentType(request);
        byte[] body;
        // Every body is read here, also form data, so that the cap below bounds what is read (the service's request
        // body limit, a filter behind this one, never sees /views); the container parses no form of this endpoint.
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return tooLarge();
        }
        Beacon beacon;
        boolean isForm = true;
        if (MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            beacon = form(urlEncoded(body, type));
        } else if (MediaType.MULTIPART_FORM_DATA.includes(type)) {
            beacon = form(multipart(body, type));
        } else {
            isForm = false;
            beacon = parse(new String(body, StandardCharsets.UTF_8));
        }
        ViewReport report = beacon == null ? null : beacon.report();
        if (report == null) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    isForm
                            ? "The form data could not be read."
                            : "The body must be a JSON object with a string 'articleId' and optionally 'visitorId'.");
        }
        if (report.articleId() == null || report.articleId().isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "'articleId' is required.");
        }
        // Every text field passes the rule GraphQL's recordView applies to its input (the same check), before
        // anything is looked up or counted.
        String refused = textProblem("articleId", report.articleId());
        if (refused == null) {
            refused = textProblem("visitorId", report.visitorId());
        }
        if (refused == null) {
            refused = textProblem("referrer", report.referrer());
        }
        if (refused == null) {
            refused = textProblem("utm_source", report.utmSource());
        }
        if (refused == null) {
            refused = textProblem("utm_medium", report.utmMedium());
        }
        if (refused == null) {
            refused = textProblem("utm_campaign", report.utmCampaign());
        }
        if (refused == null && beacon.engaged() != null) {
            refused = engagedProblem(beacon.engaged());
        }
        if (refused != null) {
            return error(HttpStatus.BAD_REQUEST, refused);
        }
        ClientOrigin origin = new ClientOrigin(
                request.getRemoteAddr(),
                request.getHeader("User-Agent"),
                IngestionEntryPoint.BEACON,
                request.getServerName());
        ViewDecision decision;
        try {
            decision = beacon.engaged() == null
                    ? recorder.ingest(report, origin)
                    : recorder.heartbeat(report, Long.parseLong(beacon.engaged()), origin)
                            .decision();
        } catch (RuntimeException ex) {
            // Nothing was counted (the article check comes first), so the beacon may simply be sent again.
            if (DatabaseBusy.isCause(ex)) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseBusy.RETRY_AFTER_SECONDS))
                        .<Map<String, ?>>body(Map.of("error", DatabaseBusy.MESSAGE));
            }
            if (!DatabaseUnavailable.isCause(ex)) {
                throw ex;
            }
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                    .<Map<String, ?>>body(Map.of("error", DatabaseUnavailable.MESSAGE));
        }
        if (decision.outcome() == ViewOutcome.REJECTED) {
            return error(decision.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, decision.message());
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Map<String, ?>> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(BodyLimit.refusal(MAX_BODY));
    }

    /** A body: a view, or a heartbeat when {@code engaged} (its seconds, as sent) is there. */
    private record Beacon(ViewReport report, String engaged) {}

    /** Why an {@code engaged} value is refused: it must be a whole number of seconds, 0 to the setting's maximum. */
    private String engagedProblem(String engaged) {
        if (!engaged.matches("[0-9]{1,9}") || Long.parseLong(engaged) > maxSecondsPerHeartbeat) {
            return "'engaged' must be a whole number of seconds from 0 to " + maxSecondsPerHeartbeat + ".";
        }
        return null;
    }

    private String textProblem(String name, String text) {
        return text == null ? null : StorableText.problem(name, text, maxStringLength);
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null
                    ? MediaType.TEXT_PLAIN
                    : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException ex) {
            return MediaType.TEXT_PLAIN;
        }
    }

    private static Beacon form(Map<String, String> fields) {
        return fields == null
                ? null
                : new Beacon(
                        new ViewReport(
                                fields.get("articleId"),
                                fields.get("visitorId"),
                                fields.get("referrer"),
                                fields.get("utm_source"),
                                fields.get("utm_medium"),
                                fields.get("utm_campaign")),
                        fields.get("engaged"));
    }

    private static Map<String, String> urlEncoded(byte[] body, MediaType type) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        HttpInputMessage message = new HttpInputMessage() {

            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
        try {
            return new FormHttpMessageConverter().read(null, message).toSingleValueMap();
        } catch (HttpMessageNotReadableException | IllegalArgumentException ex) {
            return null;
        }
    }

    /** The text fields of a multipart body (files are ignored). */
    private static Map<String, String> multipart(byte[] body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body));
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
        PartEventHttpMessageReader reader = new PartEventHttpMessageReader();
        reader.setMaxInMemorySize(MAX_BODY);
        reader.setMaxHeadersSize(MAX_BODY);
        try {
            return reader.read(ResolvableType.forClass(PartEvent.class), message, Map.of())
                    .ofType(FormPartEvent.class)
                    .collectMap(PartEvent::name, FormPartEvent::value)
                    .block();
        } catch (RuntimeException ex) {
            // A malformed multipart body (no boundary, truncated parts): refused like malformed JSON.
            return null;
        }
    }

    private Beacon parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                return null;
            }
            String articleId = text(node, "articleId");
            String visitorId = text(node, "visitorId");
            String referrer = text(node, "referrer");
            if (articleId == null
                    || (node.has("visitorId")
                            && visitorId == null
                            && !node.get("visitorId").isNull())) {
                return null;
            }
            JsonNode engaged = node.get("engaged");
            String seconds = null;
            if (engaged != null && !engaged.isNull()) {
                // Anything but a whole number is refused by engagedProblem, with a message that says so.
                seconds = engaged.isIntegralNumber() && engaged.canConvertToLong()
                        ? Long.toString(engaged.asLong())
                        : engaged.isString() ? engaged.asString() : "?";
            }
            return new Beacon(
                    new ViewReport(
                            articleId,
                            visitorId,
                            referrer,
                            text(node, "utm_source"),
                            text(node, "utm_medium"),
                            text(node, "utm_campaign")),
                    seconds);
        } catch (JacksonException ex) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static ResponseEntity<Map<String, ?>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
