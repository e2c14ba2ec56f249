package news.reader;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The reader's static files from {@code classpath:/reader/}: {@code /beacon.js}, which other sites embed, and the
 * page's stylesheet. Both are public and the same for everyone, so shared caches may keep them for an hour; they are
 * not versioned in their names, so not longer.
 */
@Configuration(proxyBeanMethods = false)
class ReaderResources implements WebMvcConfigurer {

    static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofHours(1)).cachePublic().staleWhileRevalidate(Duration.ofDays(1));

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // A capture rather than the literal name: the file is looked up by the part of the path the pattern does not
        // spell.
        registry.addResourceHandler("/{file:beacon\\.js}")
                .addResourceLocations("classpath:/reader/")
                .setCacheControl(CACHE);
        registry.addResourceHandler("/reader/{file:reader\\.css}")
                .addResourceLocations("classpath:/reader/")
                .setCacheControl(CACHE);
    }
}
