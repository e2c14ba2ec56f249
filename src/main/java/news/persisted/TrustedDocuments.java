package news.persisted;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations an app release ships, read at start from Apollo persisted query manifests:
 * {@code {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "<sha256 of body>",
 * "name": "ArticlePage", "type": "query", "body": "query ArticlePage ..."}]}}. Several files add up, so every release
 * keeps its own file while its apps are in use.
 */
final class TrustedDocuments {

    private final Map<String, String> byHash;

    private TrustedDocuments(Map<String, String> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** The document registered under {@code hash}, or null. */
    String document(String hash) {
        return hash == null ? null : byHash.get(hash);
    }

    int size() {
        return byHash.size();
    }

    static TrustedDocuments load(String location, JsonMapper json) {
        String base = location.endsWith("/") ? location : location + "/";
        Map<String, String> byHash = new HashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(base + "*.json")) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode manifest = json.readTree(in);
                    for (JsonNode operation : manifest.path("operations")) {
                        String id = operation.path("id").asString();
                        String body = operation.path("body").asString();
                        if (!Sha256.hex(body).equals(id)) {
                            throw new IllegalStateException(
                                    "Trusted document " + operation.path("name").asString() + " in "
                                            + resource.getDescription() + ": id is not the SHA-256 of its body");
                        }
                        byHash.put(id, body);
                    }
                }
            }
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot read trusted documents at " + location, ex);
        }
        return new TrustedDocuments(byHash);
    }
}
