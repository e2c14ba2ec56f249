package news.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;

/**
 * Keeps editors' answers out of every shared cache. A response is private when its request carried an
 * {@code Authorization} header (whatever the token's fate), or when {@link PrivateOperations} found a mutation or an
 * editors' field in the GraphQL operation. A private response is sent with {@value #CACHE_CONTROL}, whatever any other
 * part of the service sets: later attempts to make it cacheable ({@code Cache-Control}, {@code Expires}, and the CDN
 * headers {@code Surrogate-Control} and {@code CDN-Cache-Control}, which CDNs obey before {@code Cache-Control}) are
 * overruled. It runs on every dispatch, so error pages and asynchronous GraphQL answers are covered too.
 */
final class PrivateResponses implements Filter {

    static final String CACHE_CONTROL = "private, no-store";

    /**
     * Request attribute holding the mark, an {@link AtomicBoolean} set before the request is handled: GraphQL sees
     * the request attributes as a read-only copy, but the mark in it is the same object.
     */
    static final String PRIVATE = PrivateResponses.class.getName() + ".private";

    private static final Set<String> SHARED_CACHE_HEADERS = Set.of("surrogate-control", "cdn-cache-control", "expires");

    /** Marks the response to the request with these attributes private; false when the filter is not installed. */
    static boolean markPrivate(Map<String, Object> requestAttributes) {
        if (requestAttributes.get(PRIVATE) instanceof AtomicBoolean mark) {
            mark.set(true);
            return true;
        }
        return false;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        AtomicBoolean mark =
                request.getAttribute(PRIVATE) instanceof AtomicBoolean existing ? existing : new AtomicBoolean();
        request.setAttribute(PRIVATE, mark);
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            mark.set(true);
        }
        Enforcing enforcing = response instanceof Enforcing already ? already : new Enforcing(response, request);
        if (isPrivate(request)) {
            enforcing.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
        chain.doFilter(request, enforcing);
    }

    static boolean isPrivate(HttpServletRequest request) {
        return request.getAttribute(PRIVATE) instanceof AtomicBoolean mark && mark.get();
    }

    /** Overrules caching headers on private responses, checked as each header is written. */
    static final class Enforcing extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        Enforcing(HttpServletResponse response, HttpServletRequest request) {
            super(response);
            this.request = request;
        }

        @Override
        public void setHeader(String name, String value) {
            if (!overruled(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!overruled(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!overruled(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!overruled(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!overruled(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!overruled(name)) {
                super.addIntHeader(name, value);
            }
        }

        /** True when the header was handled here: a private response keeps its own caching headers. */
        private boolean overruled(String name) {
            if (name == null || !isPrivate(request)) {
                return false;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cache-control")) {
                super.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
                return true;
            }
            return SHARED_CACHE_HEADERS.contains(lower);
        }
    }
}
