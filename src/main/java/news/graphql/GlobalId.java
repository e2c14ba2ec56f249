package news.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Global object ids: the GraphQL type name and the database key, base64url-encoded so that clients treat them as
 * opaque. {@code Article:42} becomes {@code QXJ0aWNsZTo0Mg}.
 */
public record GlobalId(String type, long key) {

    public static String encode(String type, long key) {
        byte[] raw = (type + ":" + key).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** Decodes any global id; {@code argument} names the GraphQL argument in the error for a malformed one. */
    public static GlobalId decode(String id, String argument) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw malformed(argument);
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw malformed(argument);
        }
        try {
            long key = Long.parseLong(text.substring(colon + 1));
            if (key <= 0) {
                throw malformed(argument);
            }
            return new GlobalId(text.substring(0, colon), key);
        } catch (NumberFormatException ex) {
            throw malformed(argument);
        }
    }

    /** Decodes an id that must name an object of {@code expectedType}. */
    public static long decode(String id, String expectedType, String argument) {
        GlobalId global = decode(id, argument);
        if (!global.type().equals(expectedType)) {
            throw new BadInputException(argument, "'" + argument + "' is not the id of a " + expectedType + ".");
        }
        return global.key();
    }

    private static BadInputException malformed(String argument) {
        return new BadInputException(argument, "'" + argument + "' is not a valid id.");
    }
}
