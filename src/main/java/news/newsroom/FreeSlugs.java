package news.newsroom;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import news.support.Slugs;

/** Generated slugs that do not collide: the plain slug of a name, else with the lowest free suffix -2, -3, ... */
final class FreeSlugs {

    static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private FreeSlugs() {}

    /** The base slug of {@code name}, leaving room for a suffix; {@code fallback} when nothing usable remains. */
    static String base(String name, int maxLength, String fallback) {
        String base = Slugs.of(name, maxLength - 6);
        return base.isEmpty() ? fallback : base;
    }

    /** The SQL regular expression matching the base and its suffixed forms (slugs contain no regex syntax). */
    static String family(String base) {
        return "^" + base + "(-[0-9]+)?$";
    }

    static String firstFree(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        int n = 2;
        while (taken.test(base + "-" + n)) {
            n++;
        }
        return base + "-" + n;
    }

    /** Checks an explicitly given slug; adds INVALID_SLUG to {@code problems} and answers false when malformed. */
    static boolean valid(Problems problems, String field, String slug, int maxLength) {
        if (slug.length() > maxLength || !VALID.matcher(slug).matches()) {
            problems.add(
                    field,
                    "INVALID_SLUG",
                    "'" + field + "' must be lower-case ASCII letters and digits joined by "
                            + "single hyphens, at most " + maxLength + " characters.");
            return false;
        }
        return true;
    }
}
