package news.search;

import java.util.List;
import news.graphql.PageInfo;

/** A page of search hits, best first, with the number of hits across all pages. */
record SearchConnection(List<SearchEdge> edges, PageInfo pageInfo, int totalCount) {

    /** A hit with its cursor. */
    record SearchEdge(String cursor, SearchHit node) {}
}
