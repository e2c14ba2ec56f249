package news.graphql;

/**
 * The rule every text a client sends must pass, wherever it arrives (a GraphQL argument or input field, a field of
 * {@code POST /views}): no NUL character (PostgreSQL cannot store it), no unpaired UTF-16 surrogate (not Unicode
 * text), and no longer than {@code news.graphql.max-string-length}.
 */
public final class StorableText {

    private StorableText() {}

    /** Why {@code text}, sent as {@code name}, is refused, or null when it is acceptable. */
    public static String problem(String name, String text, int maxLength) {
        if (text.length() > maxLength) {
            return "'" + name + "' is longer than " + maxLength + " characters.";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "'" + name + "' must not contain the NUL character (\\u0000).";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "'" + name + "' contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c)
                        + "); it is not valid Unicode text.";
            }
        }
        return null;
    }
}
