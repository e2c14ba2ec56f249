package news.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP layer.
 *
 * @param maxBodySize largest request body any endpoint reads (paths with a {@link BodyLimit} of their own have a
 *        smaller one, {@code POST /views} 4 KB); a larger body is refused with 413 before it is read. Tomcat's
 *        {@code server.tomcat.max-http-form-post-size} follows it
 */
@ConfigurationProperties("news.http")
public record HttpLimits(@DefaultValue("256KB") DataSize maxBodySize) {}
