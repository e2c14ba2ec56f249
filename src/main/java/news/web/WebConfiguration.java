package news.web;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge: errors are JSON at every level (container, error page, bare statuses), and no body is read past its
 * limit.
 */
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

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            HttpLimits settings, List<BodyLimit> limits, JsonMapper json) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(settings, limits, json));
        // Just inside the bare-status filter (its 413 carries a body of its own), after the character encoding and
        // observation filters (so refusals appear in http.server.requests), before Spring Security and everything
        // that reads a body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }
}
