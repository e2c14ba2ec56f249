package news.newsroom;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects field errors of one input; {@link #check()} ends the mutation, and its transaction, when there are any. */
final class Problems {

    private final List<FieldError> errors = new ArrayList<>();

    Problems add(String field, String code, String message) {
        errors.add(new FieldError(field, message, code));
        return this;
    }

    /** Required text: not null and not blank; at most {@code max} characters. */
    boolean text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "REQUIRED", "'" + field + "' must not be empty.");
            return false;
        }
        return optionalText(field, value, max);
    }

    /** Optional text: at most {@code max} characters when given. */
    boolean optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(
                    field,
                    "TOO_LONG",
                    "'" + field + "' must be at most " + max + " characters, was " + value.length() + ".");
            return false;
        }
        return true;
    }

    /** Required text, stripped; null (with a field error) when it is missing, blank or too long. */
    String requiredText(String field, String value, int max) {
        return text(field, value, max) ? value.strip() : null;
    }

    /**
     * Text an editor may clear: null when not given (leave it) or refused, empty when blank (clear it), else
     * stripped.
     */
    Optional<String> clearableText(String field, String value, int max) {
        if (value == null || !optionalText(field, value, max)) {
            return null;
        }
        return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * A link a page will render: an absolute http(s) URL with a host, or a path on this site starting with a single
     * {@code /}. Anything else ({@code javascript:}, {@code data:}, a protocol-relative {@code //host}) would run or
     * load where the newsroom did not mean it to.
     */
    boolean url(String field, String value) {
        String url = value.strip();
        boolean ok;
        try {
            URI uri = new URI(url);
            ok = uri.isAbsolute()
                    ? ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                            && uri.getHost() != null
                    : url.startsWith("/") && !url.startsWith("//");
        } catch (URISyntaxException ex) {
            ok = false;
        }
        if (!ok) {
            add(field, "INVALID_URL", "'" + field + "' must be an http(s) URL or a path on this site starting with /.");
        }
        return ok;
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void check() {
        if (!errors.isEmpty()) {
            throw new Rejected(List.copyOf(errors));
        }
    }

    static void reject(String field, String code, String message) {
        new Problems().add(field, code, message).check();
    }

    /** Thrown to roll back the transaction of a refused input. */
    static final class Rejected extends RuntimeException {

        private final List<FieldError> errors;

        Rejected(List<FieldError> errors) {
            super(errors.size() + " field error(s)", null, false, false);
            this.errors = errors;
        }

        List<FieldError> errors() {
            return errors;
        }
    }
}
