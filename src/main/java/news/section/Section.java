package news.section;

/** A section of the newsroom; {@code parentId} is null for a top-level section. */
public record Section(long id, String slug, String name, String description, Long parentId, int position) {}
