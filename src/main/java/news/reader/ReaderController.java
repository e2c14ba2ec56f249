package news.reader;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import news.edge.PublicPages;
import news.site.SiteProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET <Article.url>}: an article's reader page, at {@code /<section path>/<slug>} (sections nest up to four
 * deep here). Only paths made of slugs are taken ({@code [a-z0-9-]} segments, so no file name such as
 * {@code /dashboard/dashboard.js}), and of those only the ones that begin with a top-level section's slug are answered
 * with the reader's pages; any other is the service's usual JSON 404, also for other methods. The page is the one
 * query {@link ReaderQuery} executed in-process and rendered by {@link ReaderView}, cached and purged by
 * {@link PublicPages}.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReaderController {

    /**
     * The page's Content-Security-Policy: its script ({@code /beacon.js}) and stylesheet only from the service, no
     * inline script or style, requests (the beacon) only to the service, photos from the service or any HTTPS host,
     * nothing else (no plugins, frames, forms or base changes), and no framing by other sites.
     */
    static final String POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String SLUG = "[a-z0-9][a-z0-9-]{0,199}";

    private final PublicPages pages;

    private final ReaderView view;

    ReaderController(PublicPages pages, SiteProperties site) {
        this.pages = pages;
        this.view = new ReaderView(new NewsroomTime(site.zone()));
    }

    @RequestMapping({
        "/{s1:" + SLUG + "}/{slug:" + SLUG + "}",
        "/{s1:" + SLUG + "}/{s2:" + SLUG + "}/{slug:" + SLUG + "}",
        "/{s1:" + SLUG + "}/{s2:" + SLUG + "}/{s3:" + SLUG + "}/{slug:" + SLUG + "}",
        "/{s1:" + SLUG + "}/{s2:" + SLUG + "}/{s3:" + SLUG + "}/{s4:" + SLUG + "}/{slug:" + SLUG + "}"
    })
    @ResponseBody
    ResponseEntity<byte[]> page(
            @PathVariable String s1,
            @PathVariable String slug,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
            // Mapped for every method so that another method on an unknown path stays a 404, as on any other path.
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setHeader("Content-Security-Policy", POLICY);
        String path = request.getRequestURI();
        return pages.serve(
                request, ReaderQuery.DOCUMENT, Map.of("slug", slug, "top", s1), answer -> view.render(answer, path));
    }
}
