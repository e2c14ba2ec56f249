package news.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the limit of their path with 413 and a JSON body, before anything reads them. A body
 * that declares its length is judged by its {@code Content-Length} and not read at all; a chunked body is read up to
 * one byte past the limit and, when it fits, handed on from memory with its length known, so no reader behind this
 * filter (Spring MVC, the GraphQL handler, a controller) ever sees more than the limit.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final long defaultLimit;

    private final List<BodyLimit> limits;

    private final JsonMapper json;

    RequestBodyLimitFilter(HttpLimits settings, List<BodyLimit> limits, JsonMapper json) {
        this.defaultLimit = settings.maxBodySize().toBytes();
        // The most specific path wins.
        this.limits = limits.stream()
                .sorted(Comparator.comparingInt((BodyLimit l) -> l.path().length())
                        .reversed())
                .toList();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(PATHS.getPathWithinApplication(request));
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, limit);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(response, limit);
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private long limitFor(String path) {
        return limits.stream()
                .filter(l -> l.covers(path))
                .findFirst()
                .map(l -> l.maxSize().toBytes())
                .orElse(defaultLimit);
    }

    private void refuse(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(BodyLimit.refusal(limit)));
    }

    /** A request whose chunked body has been read into memory: readers get it with its length known. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has been read already.");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
