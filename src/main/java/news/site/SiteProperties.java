package news.site;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Site-wide settings. They keep the {@code news.newsroom} prefix they have always had, so configurations carry over.
 *
 * @param zone the zone in which times are rendered and calendar days begin (WIB by default)
 */
@ConfigurationProperties("news.newsroom")
public record SiteProperties(@DefaultValue("Asia/Jakarta") ZoneId zone) {}
