package news.web;

import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * A smaller body limit for one path and the paths below it, declared as a bean by the feature that owns the path.
 *
 * @param path a path within the application, e.g. {@code /views}
 * @param maxSize largest body accepted there
 */
public record BodyLimit(String path, DataSize maxSize) {

    /** The JSON body of the 413 that refuses a body over {@code limit} bytes, wherever the limit is enforced. */
    public static Map<String, Object> refusal(long limit) {
        return Map.of("error", "The request body must be at most " + limit + " bytes.", "maxBytes", limit);
    }

    boolean covers(String requestPath) {
        return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
    }
}
