package news.article;

/** A photo with caption and credit. */
public record Image(String url, String caption, String credit, String alt, Integer width, Integer height) {}
