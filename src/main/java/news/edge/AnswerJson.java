package news.edge;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a GraphQL answer ({@code ExecutionResult.toSpecification()}: maps with text keys, lists, text, numbers,
 * booleans and nulls) straight to the mapper's streaming generator, without looking up a serializer for every value
 * as data binding does; the bytes are those of {@code json.writeValueAsBytes(answer)}, with the generator's own
 * settings (escaping, number formats). A value of any other type is handed to the mapper as it is.
 */
final class AnswerJson {

    private final JsonMapper json;

    AnswerJson(JsonMapper json) {
        this.json = json;
    }

    byte[] write(Map<String, Object> answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = json.createGenerator(out)) {
            value(generator, answer);
        }
        return out.toByteArray();
    }

    private static void value(JsonGenerator generator, Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Map<?, ?> map && textKeys(map)) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeName((String) entry.getKey());
                value(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                value(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Integer number) {
            generator.writeNumber(number.intValue());
        } else if (value instanceof Long number) {
            generator.writeNumber(number.longValue());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            // Other numbers, and a map with keys other than text (not an answer's): as the mapper writes them.
            generator.writePOJO(value);
        }
    }

    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
