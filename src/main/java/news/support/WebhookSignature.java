package news.support;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the service signs what it posts to webhooks (cache purges, analytics alerts), so that a receiver can tell them
 * from anyone else's: the header {@value #TIMESTAMP} (epoch seconds) and {@value #SIGNATURE} {@code sha256=<hex>},
 * the lowercase hex HMAC-SHA256 of {@code timestamp + "." + body} under the webhook's secret.
 */
public final class WebhookSignature {

    public static final String SIGNATURE = "X-News-Signature";

    public static final String TIMESTAMP = "X-News-Timestamp";

    private WebhookSignature() {}

    /** The {@value #SIGNATURE} header's value for {@code body} sent at {@code timestamp} (epoch seconds). */
    public static String of(String secret, String timestamp, String body) {
        return "sha256=" + hmac(secret, timestamp + "." + body);
    }

    /** Lowercase hex HMAC-SHA256 of {@code text} under {@code secret}. */
    public static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
