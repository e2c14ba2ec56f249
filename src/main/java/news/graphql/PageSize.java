package news.graphql;

/** The {@code first} argument of every list: at least 1, at most {@value #MAX}. */
public final class PageSize {

    public static final int MAX = 100;

    private PageSize() {}

    public static int check(Integer first) {
        if (first == null) {
            throw new BadInputException("first", "'first' is required.");
        }
        if (first < 1 || first > MAX) {
            throw new BadInputException("first", "'first' must be between 1 and " + MAX + ", was " + first + ".");
        }
        return first;
    }
}
