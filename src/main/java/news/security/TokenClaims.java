package news.security;

import java.util.Collection;
import java.util.Map;

/**
 * Text a token may carry in its claims. Every string of every claim (the subject, which is recorded as the author of
 * changes, the roles, a name, and any nested value) must be Unicode text without control characters: a NUL, a line
 * break, an escape or an unpaired UTF-16 surrogate makes the whole token invalid, whoever signed it. Refused once,
 * here, rather than failing later where the text is logged or stored (PostgreSQL cannot store a NUL).
 */
final class TokenClaims {

    private TokenClaims() {}

    /** Why the claims are refused, naming the claim (never its value), or null. */
    static String problem(Map<String, Object> claims) {
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            if (!acceptable(claim.getKey()) || !acceptable(claim.getValue())) {
                return "the token's claim '" + printable(claim.getKey())
                        + "' contains a control character or is not valid Unicode text";
            }
        }
        return null;
    }

    private static boolean acceptable(Object value) {
        if (value instanceof String text) {
            return acceptableText(text);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().allMatch(TokenClaims::acceptable);
        }
        if (value instanceof Map<?, ?> object) {
            return object.entrySet().stream().allMatch(e -> acceptable(e.getKey()) && acceptable(e.getValue()));
        }
        return true;
    }

    static boolean acceptableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The claim's name as it can be shown: its control characters and lone surrogates replaced by '?'. */
    private static String printable(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints()
                .limit(64)
                .forEach(c ->
                        shown.appendCodePoint(Character.isISOControl(c) || (c >= 0xD800 && c <= 0xDFFF) ? '?' : c));
        return shown.toString();
    }
}
