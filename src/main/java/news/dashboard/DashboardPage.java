package news.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard's files from {@code classpath:/dashboard/}: {@code /dashboard} is its page. The page holds no
 * data; everything it shows is fetched with the editor's token, so the files themselves are public.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/dashboard").setViewName("forward:/dashboard/index.html");
        registry.addRedirectViewController("/dashboard/", "/dashboard");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Revalidated on every load, so a new version of the page is picked up at once.
        registry.addResourceHandler("/dashboard/**")
                .addResourceLocations("classpath:/dashboard/")
                .setCacheControl(CacheControl.noCache());
    }
}
