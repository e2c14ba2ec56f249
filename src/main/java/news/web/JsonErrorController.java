package news.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of the service: every error the application itself answers (an unknown path, a method not allowed,
 * a refused token on an operator's endpoint, an unexpected failure) is a small JSON object, whatever the client
 * accepts; no HTML page, no stack trace. Replaces Spring Boot's whitelabel error controller.
 */
@RestController
class JsonErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        // Asked for directly, the error page names nothing.
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        Map<String, Object> body = new LinkedHashMap<>(ErrorBodies.of(status));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            body.put("path", path);
        }
        if (status >= 500) {
            String reference = UUID.randomUUID().toString();
            log.error("Unexpected error {} at {}", reference, body.get("path"), (Throwable)
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            body.put("reference", reference);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
