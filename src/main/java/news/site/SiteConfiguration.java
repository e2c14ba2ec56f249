package news.site;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock for business time (publishing, windows, days), so tests can move it instead of sleeping. */
@Configuration(proxyBeanMethods = false)
class SiteConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
