package news.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/settings.md}, generated from the configuration metadata that {@code spring-boot-configuration-processor}
 * writes at compile time from the {@code @ConfigurationProperties} records: names, types and {@code @DefaultValue}s
 * from the records, descriptions from their {@code @param} Javadoc. A new record or component appears here without
 * any change to this class.
 */
final class SettingsReference {

    /** Where the processor writes the metadata of this project's own classes. */
    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    static final Path PAGE = Path.of("docs/settings.md");

    static final String REFRESH = "mvn -B test -Dtest=SettingsReferenceTest -Dnews.docs.write=true";

    /** The rows of the reference: {@code | `news.x.y` | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(news\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE);

    private static final Pattern CODE = Pattern.compile("\\{@(?:code|literal) ([^}]*)}");

    private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)? (?:[\\w.]*\\.)?([\\w#.()]+)(?: [^}]*)?}");

    /** One setting as the metadata describes it. */
    record Setting(String name, String type, String description, JsonNode defaultValue, String source) {}

    private SettingsReference() {}

    /** The {@code news.*} settings of a metadata file, by name. */
    static List<Setting> read(Path metadata) {
        if (!Files.exists(metadata)) {
            throw new IllegalStateException(metadata + " is missing: compile first (mvn -B compile); it is written by"
                    + " spring-boot-configuration-processor from the @ConfigurationProperties records.");
        }
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(metadata));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Map<String, Setting> settings = new TreeMap<>();
        for (JsonNode property : root.path("properties")) {
            String name = property.path("name").asString();
            if (!name.startsWith("news.")) {
                continue;
            }
            settings.put(
                    name,
                    new Setting(
                            name,
                            property.path("type").asString(""),
                            property.path("description").asString(""),
                            property.get("defaultValue"),
                            property.path("sourceType").asString("")));
        }
        return new ArrayList<>(settings.values());
    }

    /** The settings without a description: their record lacks an {@code @param} for them. */
    static List<String> withoutDescription(List<Setting> settings) {
        return settings.stream()
                .filter(s -> s.description().isBlank())
                .map(s -> s.name() + " (add an @param to " + s.source() + ")")
                .toList();
    }

    /**
     * The {@code news.*} settings a YAML file sets to the value their record defaults to: such a line only repeats the
     * record, and the two drift apart.
     */
    static List<String> repeatedDefaults(Path yaml, List<Setting> settings) {
        Map<String, Setting> byName = new TreeMap<>();
        settings.forEach(s -> byName.put(s.name(), s));
        List<String> repeated = new ArrayList<>();
        String text;
        try {
            text = Files.readString(yaml);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(text)) {
            if (document instanceof Map<?, ?> map && map.get("news") instanceof Map<?, ?> news) {
                repeated(news, "news", byName, repeated);
            }
        }
        return repeated;
    }

    private static void repeated(Map<?, ?> map, String prefix, Map<String, Setting> byName, List<String> repeated) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = prefix + "." + entry.getKey();
            Setting setting = byName.get(name);
            if (setting == null && entry.getValue() instanceof Map<?, ?> nested) {
                repeated(nested, name, byName, repeated);
            } else if (setting != null && same(entry.getValue(), setting.defaultValue())) {
                repeated.add(name + ": " + entry.getValue());
            }
        }
    }

    private static boolean same(Object value, JsonNode defaultValue) {
        if (defaultValue == null || defaultValue.isNull()) {
            return value == null
                    || (value instanceof String text && text.isEmpty())
                    || (value instanceof List<?> list && list.isEmpty());
        }
        if (defaultValue.isArray()) {
            List<String> items = new ArrayList<>();
            defaultValue.forEach(item -> items.add(item.asString()));
            return value instanceof List<?> list
                    && list.stream().map(String::valueOf).toList().equals(items);
        }
        String text = value == null ? "" : String.valueOf(value);
        return text.equalsIgnoreCase(defaultValue.asString());
    }

    /** The settings a reference page lists. */
    static Set<String> documented(String page) {
        Set<String> names = new TreeSet<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    /** The reference page of these settings. */
    static String render(List<Setting> settings) {
        Map<String, List<Setting>> byGroup = new LinkedHashMap<>();
        for (Setting setting : settings) {
            String[] parts = setting.name().split("\\.");
            byGroup.computeIfAbsent(parts[0] + "." + parts[1], g -> new ArrayList<>())
                    .add(setting);
        }
        StringBuilder page = new StringBuilder();
        page.append("# Settings\n\n");
        page.append(
                "Every `news.*` setting, generated from the `@ConfigurationProperties` records: names, types and\n");
        page.append(
                "defaults from the records and their `@DefaultValue`s, descriptions from their `@param` Javadoc,\n");
        page.append("through the metadata that `spring-boot-configuration-processor` writes at compile time\n");
        page.append("(`").append(METADATA.toString().replace('\\', '/')).append("`). Do not edit this page: change\n");
        page.append("the record, then regenerate it with\n\n");
        page.append("```sh\n").append(REFRESH).append("\n```\n\n");
        page.append(
                "`SettingsReferenceTest` fails while this page differs from the records, or while a setting has no\n");
        page.append("description.\n\n");
        page.append(
                "A setting can be given in `application.yml`, as a command-line argument (`--news.newsroom.zone=Asia/Makassar`)\n");
        page.append(
                "or as an environment variable (upper case, dots and hyphens as underscores: `NEWS_NEWSROOM_ZONE`).\n");
        page.append("Durations take a unit (`500ms`, `30s`, `5m`, `8h`), sizes too (`8KB`, `256KB`). The standard\n");
        page.append("`spring.*` settings the service relies on are in [operations](operations.md#spring-settings).\n");
        for (Map.Entry<String, List<Setting>> group : byGroup.entrySet()) {
            String source = group.getValue().get(0).source();
            String record = source.contains("$") ? source.substring(0, source.indexOf('$')) : source;
            page.append("\n## ").append(group.getKey()).append("\n\n");
            page.append("From `")
                    .append(record.substring(record.lastIndexOf('.') + 1))
                    .append("` (package `")
                    .append(record, 0, Math.max(record.lastIndexOf('.'), 0))
                    .append("`).\n\n");
            page.append("| setting | type | default | description |\n");
            page.append("| --- | --- | --- | --- |\n");
            for (Setting setting : group.getValue()) {
                page.append("| `")
                        .append(setting.name())
                        .append("` | ")
                        .append(type(setting.type()))
                        .append(" | ")
                        .append(defaultValue(setting))
                        .append(" | ")
                        .append(description(setting.description()))
                        .append(" |\n");
            }
        }
        return page.toString();
    }

    private static String type(String type) {
        String bare = type.replaceAll("<.*>", "");
        return switch (bare) {
            case "java.lang.Boolean", "boolean" -> "boolean";
            case "java.lang.Integer", "int", "java.lang.Long", "long" -> "integer";
            case "java.lang.Double", "double" -> "number";
            case "java.lang.String" -> "text";
            case "java.time.Duration" -> "duration";
            case "org.springframework.util.unit.DataSize" -> "size";
            case "java.time.ZoneId" -> "time zone";
            case "java.util.List", "java.util.Set" -> "list";
            case "java.net.URI", "java.net.URL" -> "URL";
            default -> enumValues(type);
        };
    }

    /** An enum's values as they are written in settings (lower case), or the simple name of any other type. */
    private static String enumValues(String type) {
        try {
            Class<?> cls = Class.forName(type, false, SettingsReference.class.getClassLoader());
            if (cls.isEnum()) {
                return Arrays.stream(cls.getEnumConstants())
                        .map(c -> "`"
                                + ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-') + "`")
                        .collect(Collectors.joining(", "));
            }
        } catch (ClassNotFoundException ex) {
            // named below
        }
        return type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static String defaultValue(Setting setting) {
        JsonNode value = setting.defaultValue();
        if (value == null || value.isNull()) {
            return setting.type().startsWith("java.util.List") ? "empty" : "unset";
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "empty";
            }
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return "`" + String.join(", ", items) + "`";
        }
        String text = value.asString();
        if (setting.type().startsWith("java.util.List") && text.startsWith("[") && text.endsWith("]")) {
            // The processor writes a list's @DefaultValue as its text: [GET, POST, OPTIONS].
            text = text.substring(1, text.length() - 1);
        }
        return text.isEmpty() ? "empty" : "`" + text + "`";
    }

    /** Javadoc as Markdown, on one line, first letter capitalised. */
    static String description(String javadoc) {
        String text = CODE.matcher(javadoc).replaceAll(m -> Matcher.quoteReplacement("`" + m.group(1) + "`"));
        text = LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement("`" + m.group(1) + "`"));
        text = text.replaceAll("\\s+", " ").trim().replace("|", "\\|");
        if (text.isEmpty()) {
            return text;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
