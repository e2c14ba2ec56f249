package news.tag;

/** A topic label grouping articles across sections. */
public record Tag(long id, String slug, String name) {}
