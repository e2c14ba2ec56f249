package news.web;

import org.springframework.util.unit.DataSize;

/**
 * A smaller body limit for one path and the paths below it, declared as a bean by the feature that owns the path.
 *
 * @param path a path within the application, e.g. {@code /views}
 * @param maxSize largest body accepted there
 */
public record BodyLimit(String path, DataSize maxSize) {

    boolean covers(String requestPath) {
        return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
    }
}
