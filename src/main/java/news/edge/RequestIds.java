package news.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: a sane incoming {@code X-Request-Id} (what a CDN or load balancer set) or a new one. It is
 * in the response header and, as {@code requestId} in the MDC, in every log line written while the request is handled.
 */
final class RequestIds extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";

    static final String MDC_KEY = "requestId";

    private static final String ATTRIBUTE = RequestIds.class.getName();

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An asynchronous dispatch (GraphQL answers are written in one) keeps the id its request was given.
        String id = request.getAttribute(ATTRIBUTE) instanceof String given ? given : newId(request);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private static String newId(HttpServletRequest request) {
        String incoming = request.getHeader(HEADER);
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : randomId();
    }

    /** The id {@code request} was given, or null outside this filter. */
    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }

    /**
     * A new id in the form of a random (version 4) UUID. Ids only tell requests apart in logs; they guard nothing, so
     * they come from the thread's fast generator rather than from the secure one, which costs more than the rest of
     * this filter.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
