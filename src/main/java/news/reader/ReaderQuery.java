package news.reader;

/**
 * The one GraphQL query a reader page is rendered from: the article by the last segment of the path, the section the
 * path begins with (so a path outside the site's sections is left to the service's ordinary 404), and the lists.
 */
final class ReaderQuery {

    private ReaderQuery() {}

    static final String DOCUMENT = """
            query ReaderPage($slug: String!, $top: String!) {
              top: section(slug: $top) { parent { id } }
              article(slug: $slug) {
                id headline summary url publishedAt
                section { path { name url } }
                reporters { name }
                image { url caption credit alt width height }
                body { type text speaker }
                related(first: 5) { ...Item }
              }
              popular(window: LAST_7_DAYS, first: 5) { rank article { ...Item } }
              latest(first: 5) { edges { node { ...Item } } }
            }

            fragment Item on Article { headline url publishedAt }
            """;
}
