package news.edge;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Answers the plainest GraphQL requests, an anonymous JSON {@code POST} or {@code GET} to the endpoint, before Spring
 * Security's chain and Spring MVC's dispatch, which together cost about a fifth of such a request's CPU (more of a GET
 * answered from the response cache) and decide nothing for it: the chain lets every request to the endpoint through
 * and, without a token, leaves it anonymous; MVC would route it to the same {@link GraphQlPostHandler} or
 * {@link GraphQlGetHandler}. What they give such a request is given here with their own parts: the security chain's
 * firewall (a request it rejects is answered 400, as by the chain), its response headers (the same header writers, and
 * the {@code Vary} headers of the CORS configuration it applies), an anonymous authentication while the operation
 * runs (so editors' fields answer UNAUTHORIZED as before), the request timer's {@code uri} tag. Every filter ordered
 * before the security chain (request id, private responses, body limit, error statuses, the request timer) still
 * runs.
 *
 * <p>Anything else goes on through the chain as before: a request with an {@code Authorization} header (its token is
 * the chain's to check), with an {@code Origin} header (CORS is the chain's), asking for server-sent events, of another
 * method or to a path written in any other way.
 */
final class AnonymousGraphQlFilter implements Filter {

    /**
     * How long an execution that does not finish on the request's thread is waited for: what Spring MVC waits for an
     * asynchronous answer by default, before it answers 503.
     */
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final String path;

    private final GraphQlPostHandler post;

    private final GraphQlGetHandler get;

    private final HttpFirewall firewall = new StrictHttpFirewall();

    private final RequestRejectedHandler rejected = new HttpStatusRequestRejectedHandler();

    private final List<HeaderWriter> headers = List.of(
            new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(),
            new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

    private final CorsConfigurationSource cors;

    private final CorsProcessor corsProcessor = new DefaultCorsProcessor();

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    AnonymousGraphQlFilter(String path, GraphQlPostHandler post, GraphQlGetHandler get, CorsConfigurationSource cors) {
        this.path = path;
        this.post = post;
        this.get = get;
        this.cors = cors;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request)
                || !(res instanceof HttpServletResponse response)
                || !takes(request)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest checked;
        try {
            checked = firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException ex) {
            // The chain's own answer to a request its firewall refuses.
            chain.doFilter(req, res);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(timer -> timer.setPathPattern(path));
        for (HeaderWriter writer : headers) {
            writer.writeHeaders(checked, response);
        }
        // Not a CORS request (it has no Origin): as the chain's CORS filter, this only adds the Vary headers a
        // configured CORS policy gives every answer.
        corsProcessor.processRequest(cors.getCorsConfiguration(checked), checked, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new AnonymousAuthenticationToken(
                "news", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        holder.setContext(context);
        try {
            GraphQlHttp.Answer answer = answer(checked);
            if (answer == null) {
                // As Spring MVC answers an asynchronous request that ran past its time.
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
            answer.writeTo(response);
        } catch (RequestRejectedException ex) {
            rejected.handle(checked, response, ex);
        } finally {
            holder.clearContext();
        }
    }

    /** The answer, or null when the execution ran past {@value #ANSWER_TIMEOUT_SECONDS} s. */
    private GraphQlHttp.Answer answer(HttpServletRequest request) throws IOException, ServletException {
        CompletableFuture<GraphQlHttp.Answer> answered =
                "GET".equals(request.getMethod()) ? get.answer(request) : post.answer(request);
        try {
            return answered.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServletException("Interrupted while the GraphQL request ran", ex);
        } catch (TimeoutException ex) {
            answered.cancel(true);
            return null;
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ServletException(ex.getCause());
        }
    }

    /** Whether this request is a plain anonymous POST or GET, answered here. */
    boolean takes(HttpServletRequest request) {
        String method = request.getMethod();
        return ("POST".equals(method) || "GET".equals(method))
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getHeader(HttpHeaders.ORIGIN) == null
                && request.getRequestURI().equals(request.getContextPath() + path)
                && !asksForEventStream(request.getHeaders(HttpHeaders.ACCEPT));
    }

    /** Any mention of {@code text/event-stream} in {@code Accept}: Spring MVC decides such requests. */
    private static boolean asksForEventStream(Enumeration<String> accept) {
        while (accept.hasMoreElements()) {
            if (accept.nextElement().toLowerCase(Locale.ROOT).contains("event-stream")) {
                return true;
            }
        }
        return false;
    }
}
