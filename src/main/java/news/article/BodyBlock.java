package news.article;

/** One block of an article body; {@code speaker} only for quotes. */
public record BodyBlock(Type type, String text, String speaker) {

    /** Kinds of body blocks. */
    public enum Type {
        PARAGRAPH,
        QUOTE,
        HEADING
    }
}
