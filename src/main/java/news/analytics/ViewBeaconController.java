package news.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import news.database.DatabaseUnavailable;

/**
 * {@code POST /views}: one view as {@code navigator.sendBeacon} sends it. The body is a small JSON object
 * ({@code {"articleId": "...", "visitorId": "..."}}) under whatever content type the browser chose
 * ({@code text/plain;charset=UTF-8} for a string, {@code application/json} for a typed Blob), or the same fields as
 * form data ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}). Answers 204 whether or not
 * the view was counted (a duplicate or a bot learns nothing), 404 for an id that names no published article, 400
 * for a malformed body or id, 413 for a body over {@value #MAX_BODY} bytes, 503 with {@code Retry-After} when the
 * article could not be checked because the database is unavailable (nothing was counted then).
 */
@RestController
class ViewBeaconController {

    static final int MAX_BODY = 4096;

    private final ViewRecorder recorder;

    private final JsonMapper json;

    ViewBeaconController(ViewRecorder recorder, JsonMapper json) {
        this.recorder = recorder;
        this.json = json;
    }

    @CrossOrigin(origins = "*", maxAge = 86400)
    @PostMapping("/views")
    ResponseEntity<Map<String, String>> view(HttpServletRequest request) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        ViewReport report;
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            report = new ViewReport(request.getParameter("articleId"), request.getParameter("visitorId"),
                    request.getParameter("referrer"));
        }
        else {
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                return error(HttpStatus.CONTENT_TOO_LARGE, "The body must be at most " + MAX_BODY + " bytes.");
            }
            report = parse(new String(body, StandardCharsets.UTF_8));
            if (report == null) {
                return error(HttpStatus.BAD_REQUEST,
                        "The body must be a JSON object with a string 'articleId' and optionally 'visitorId'.");
            }
        }
        if (report.articleId() == null || report.articleId().isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "'articleId' is required.");
        }
        ViewDecision decision;
        try {
            decision = recorder.record(report,
                    new ClientOrigin(request.getRemoteAddr(), request.getHeader("User-Agent")));
        }
        catch (RuntimeException ex) {
            if (!DatabaseUnavailable.isCause(ex)) {
                throw ex;
            }
            // Nothing was counted (the article check comes first), so the beacon may simply be sent again.
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(Map.of("error", DatabaseUnavailable.MESSAGE));
        }
        if (decision.outcome() == ViewOutcome.REJECTED) {
            return error(decision.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, decision.message());
        }
        return ResponseEntity.noContent().build();
    }

    private ViewReport parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                return null;
            }
            String articleId = text(node, "articleId");
            String visitorId = text(node, "visitorId");
            String referrer = text(node, "referrer");
            if (articleId == null || (node.has("visitorId") && visitorId == null && !node.get("visitorId").isNull())) {
                return null;
            }
            return new ViewReport(articleId, visitorId, referrer);
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
