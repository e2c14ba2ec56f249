package news.reporter;

/** A reporter credited in bylines. */
public record Reporter(long id, String slug, String name, String bio, String avatarUrl) {}
