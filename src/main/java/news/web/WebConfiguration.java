package news.web;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The HTTP edge: errors are JSON at every level (container, error page, bare statuses). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<BareErrorStatuses> bareErrorStatuses() {
        FilterRegistrationBean<BareErrorStatuses> registration = new FilterRegistrationBean<>(new BareErrorStatuses());
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        // Inside the filters that set caching headers, outside everything that may answer a bare status.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
