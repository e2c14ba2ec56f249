package news.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.graphql.BadInputException;

/**
 * The query text as typed in a search box. {@code prefix} is its last word while it is being typed (the text ends in
 * a letter or digit, outside quotes, not excluded with {@code -}, at least {@value #MIN_PREFIX} characters), matched
 * as the start of a word; {@code rest} is the text before that word. Only letters and digits ever reach the prefix.
 */
record SearchText(String text, String rest, String prefix) {

    /** Longest query text, in characters. */
    static final int MAX_LENGTH = 200;

    static final int MIN_PREFIX = 3;

    private static final Pattern LAST_WORD = Pattern.compile("(^|[^\\p{L}\\p{N}])([\\p{L}\\p{N}]+)$");

    static SearchText of(String query) {
        if (query == null) {
            throw new BadInputException("query", "'query' is required.");
        }
        if (query.length() > MAX_LENGTH) {
            throw new BadInputException(
                    "query", "'query' must be at most " + MAX_LENGTH + " characters, was " + query.length() + ".");
        }
        String text = query.strip();
        Matcher last = LAST_WORD.matcher(text);
        if (!last.find()) {
            return new SearchText(text, null, null);
        }
        String word = last.group(2);
        String before = text.substring(0, last.start(2));
        boolean quoted = before.chars().filter(c -> c == '"').count() % 2 == 1;
        boolean excluded = before.endsWith("-");
        if (quoted || excluded || word.length() < MIN_PREFIX || word.equalsIgnoreCase("or")) {
            return new SearchText(text, null, null);
        }
        return new SearchText(text, before, word);
    }

    boolean blank() {
        return text.isEmpty();
    }
}
