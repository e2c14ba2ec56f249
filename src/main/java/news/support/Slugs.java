package news.support;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs: lower case ASCII letters and digits joined by single hyphens. */
public final class Slugs {

    private Slugs() {}

    /**
     * Slug of any Unicode text: accents are dropped ("Café" becomes "cafe"), every other run of non-alphanumerics
     * becomes one hyphen, and the result is cut at a word boundary to at most {@code maxLength} characters. Returns an
     * empty string when nothing usable remains.
     */
    public static String of(String text, int maxLength) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = decomposed
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > maxLength) {
            slug = slug.substring(0, maxLength);
            int cut = slug.lastIndexOf('-');
            if (cut > maxLength / 2) {
                slug = slug.substring(0, cut);
            }
            slug = slug.replaceAll("-+$", "");
        }
        return slug;
    }
}
