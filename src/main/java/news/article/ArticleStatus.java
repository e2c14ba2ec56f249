package news.article;

/** Workflow status of an article; only PUBLISHED and due SCHEDULED articles are public. */
public enum ArticleStatus {
    DRAFT,
    SCHEDULED,
    PUBLISHED,
    ARCHIVED
}
