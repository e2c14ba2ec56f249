package news.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives error statuses that were set without a body (a handler answering a bare 405 or 415) the service's JSON error
 * body: when a request ends with a status of 400 or more and nothing was written, the status is sent as an error, so
 * the container shows the error page ({@link JsonErrorController}). Headers such as {@code Allow} are kept.
 */
final class BareErrorStatuses extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tracking tracking = new Tracking(response);
        chain.doFilter(request, tracking);
        int status = response.getStatus();
        if (status >= 400
                && !tracking.bodyStarted
                && !response.isCommitted()
                && !request.isAsyncStarted()
                && !"HEAD".equals(request.getMethod())) {
            response.sendError(status);
        }
    }

    /** Notes whether anyone asked for the body's stream or writer. */
    private static final class Tracking extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        Tracking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            bodyStarted = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            bodyStarted = true;
            super.sendError(sc);
        }
    }
}
