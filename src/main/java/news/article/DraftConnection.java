package news.article;

import java.util.List;
import news.article.ArticleConnection.ArticleEdge;
import news.graphql.PageInfo;

/** Editors' page of unpublished articles, newest first by id (stable while they are being edited). */
public record DraftConnection(List<ArticleEdge> edges, PageInfo pageInfo, int totalCount) {}
