package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL answers written by {@link AnswerJson} are byte for byte what the mapper's data binding writes, for every
 * kind of value an answer holds (and the odd ones it may), under the mapper's own settings.
 */
class AnswerJsonTest {

    enum Kind {
        NEWS
    }

    record Point(int x, String label) {}

    @Test
    void answers_areWrittenAsTheMapperWritesThem() {
        List<JsonMapper> mappers = List.of(
                JsonMapper.builder().build(),
                JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());
        List<Map<String, Object>> answers = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("headline", "Banjir \"rob\" di Jakarta </script> \u0001 \t é 漢字 😀");
        data.put("count", 42);
        data.put("big", 9_007_199_254_740_993L);
        data.put("ratio", 0.1 + 0.2);
        data.put("decimal", new BigDecimal("1234.5000"));
        data.put("integer", new BigInteger("123456789012345678901234567890"));
        data.put("yes", true);
        data.put("nothing", null);
        data.put("empty", Map.of());
        data.put("none", List.of());
        data.put("nested", Arrays.asList(1, null, "x", List.of(List.of(false)), Map.of("a", Map.of())));
        data.put("kind", Kind.NEWS);
        data.put("point", new Point(3, "p"));
        data.put("instant", Instant.parse("2023-09-22T00:40:00Z"));
        Map<Object, Object> oddKeys = new LinkedHashMap<>();
        oddKeys.put(1, "one");
        oddKeys.put(Kind.NEWS, "news");
        data.put("oddKeys", oddKeys);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                "errors",
                List.of(Map.of(
                        "message", "x",
                        "locations", List.of(Map.of("line", 1, "column", 3)),
                        "path", List.of("latest", 0, "headline"),
                        "extensions", Map.of("code", "BAD_REQUEST"))));
        answer.put("data", data);
        answers.add(answer);
        answers.add(random(new Random(11), 4));
        answers.add(random(new Random(12), 5));
        for (JsonMapper mapper : mappers) {
            AnswerJson writer = new AnswerJson(mapper);
            for (Map<String, Object> each : answers) {
                assertThat(new String(writer.write(each), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(new String(mapper.writeValueAsBytes(each), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private static Map<String, Object> random(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = 1 + random.nextInt(6);
        for (int i = 0; i < size; i++) {
            map.put("k" + random.nextInt(1000), randomValue(random, depth - 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble();
            case 4 -> random.nextBoolean();
            case 5 -> randomText(random);
            case 6 -> random(random, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                yield list;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(random.nextInt(5) == 0 ? random.nextInt(0x30) : 0x20 + random.nextInt(0x2FFF));
        }
        return text.toString();
    }
}
