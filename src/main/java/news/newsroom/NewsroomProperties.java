package news.newsroom;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Newsroom-wide settings.
 *
 * @param zone the zone in which times are rendered and calendar days begin (WIB by default)
 */
@ConfigurationProperties("news.newsroom")
public record NewsroomProperties(@DefaultValue("Asia/Jakarta") ZoneId zone) {
}
