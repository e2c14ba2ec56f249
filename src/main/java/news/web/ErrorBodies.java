package news.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The JSON error body of the HTTP edge: {@code {"status": 404, "error": "Not Found"}}. */
final class ErrorBodies {

    private ErrorBodies() {}

    static Map<String, Object> of(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", known == null ? "Error" : known.getReasonPhrase());
        return body;
    }

    /** The same body as text, for the container, which writes it without a JSON library. */
    static String json(int status) {
        Map<String, Object> body = of(status);
        return "{\"status\":" + status + ",\"error\":\"" + body.get("error") + "\"}";
    }
}
