package news.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What keeps the README and {@code docs/} true: every relative link reaches a file and every {@code #anchor} a
 * heading of it, and every {@code news.*} setting they (or {@code application.yml}) name is one the settings
 * reference documents. Each check answers its findings as messages, so a test can feed it a broken copy.
 */
final class DocsChecks {

    /**
     * A setting name as the pages write it. A name followed by {@code .Upper} or {@code #} is a Java class or member
     * ({@code news.edge.ResponseCache}); metric names are written in Prometheus' form ({@code news_views_total}).
     */
    private static final Pattern SETTING =
            Pattern.compile("(?<![\\w.-])news(?:\\.[a-z][a-z0-9-]*)+(?![\\w(#])(?!\\.[A-Za-z_])");

    /** An environment variable standing for a setting. */
    private static final Pattern VARIABLE = Pattern.compile("(?<![\\w])NEWS_[A-Z0-9_]+(?![\\w])");

    private DocsChecks() {}

    /** Relative links of the pages under {@code root} that reach no file, or no heading of it. */
    static List<String> brokenLinks(Path root) {
        Map<Path, String> pages = Markdown.pages(root);
        List<String> broken = new ArrayList<>();
        for (Map.Entry<Path, String> page : pages.entrySet()) {
            for (Markdown.Link link : Markdown.links(page.getValue())) {
                String target = link.target();
                if (target.isEmpty() || Markdown.external(target)) {
                    continue;
                }
                String where = page.getKey() + ":" + link.line() + ": " + target;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty()
                        ? root.resolve(page.getKey())
                        : root.resolve(page.getKey()).getParent() == null
                                ? root.resolve(file)
                                : root.resolve(page.getKey()).getParent().resolve(file);
                resolved = resolved.normalize();
                if (!resolved.startsWith(root.normalize()) || !Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                    continue;
                }
                if (anchor == null || anchor.isEmpty()) {
                    continue;
                }
                if (!resolved.toString().endsWith(".md")) {
                    broken.add(where + " (an anchor into a file that is not Markdown)");
                    continue;
                }
                if (!Markdown.anchors(read(resolved)).contains(anchor)) {
                    broken.add(where + " (no heading with this anchor in " + root.relativize(resolved) + ")");
                }
            }
        }
        return broken;
    }

    /**
     * The {@code news.*} settings the pages under {@code root} name that are not in {@code documented}, neither as a
     * setting nor as the prefix of a group of them (e.g. {@code news.edge.purge}). Names of other prefixes (metrics
     * such as {@code news.views}) are not settings and are left alone.
     */
    static List<String> undocumentedSettings(Path root, Set<String> documented) {
        Set<String> prefixes = new TreeSet<>();
        for (String name : documented) {
            String[] parts = name.split("\\.");
            prefixes.add(parts[0] + "." + parts[1]);
        }
        List<String> undocumented = new ArrayList<>();
        for (Map.Entry<Path, String> page : Markdown.pages(root).entrySet()) {
            List<String> lines = Markdown.textLines(page.getValue());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher setting = SETTING.matcher(line);
                while (setting.find()) {
                    String name = setting.group();
                    if (isSetting(name, prefixes) && !known(name, documented)) {
                        undocumented.add(page.getKey() + ":" + (i + 1) + ": " + name);
                    }
                }
                Matcher variable = VARIABLE.matcher(line);
                while (variable.find()) {
                    if (!knownVariable(variable.group(), documented)) {
                        undocumented.add(page.getKey() + ":" + (i + 1) + ": " + variable.group());
                    }
                }
            }
        }
        return undocumented;
    }

    /** The {@code news.*} settings of a YAML file that are not in {@code documented}. */
    static List<String> undocumentedInYaml(Path yaml, Set<String> documented) {
        List<String> undocumented = new ArrayList<>();
        for (Object document : new Yaml().loadAll(read(yaml))) {
            if (document instanceof Map<?, ?> map && map.get("news") instanceof Map<?, ?> news) {
                leaves("news", news, documented, undocumented);
            }
        }
        return undocumented;
    }

    private static void leaves(String prefix, Map<?, ?> map, Set<String> documented, List<String> undocumented) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = prefix + "." + entry.getKey();
            if (documented.contains(name)) {
                continue;
            }
            if (entry.getValue() instanceof Map<?, ?> nested) {
                leaves(name, nested, documented, undocumented);
            } else {
                undocumented.add(name);
            }
        }
    }

    private static boolean isSetting(String name, Set<String> prefixes) {
        String[] parts = name.split("\\.");
        return parts.length > 2 && prefixes.contains(parts[0] + "." + parts[1]);
    }

    /**
     * A documented setting; the prefix of some (a group); or a key under one (a map's entry, or a type the metadata
     * describes as one setting).
     */
    private static boolean known(String name, Set<String> documented) {
        return documented.contains(name)
                || documented.stream().anyMatch(d -> d.startsWith(name + ".") || name.startsWith(d + "."));
    }

    private static boolean knownVariable(String variable, Set<String> documented) {
        return documented.stream()
                .map(name -> name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))
                .anyMatch(v -> v.equals(variable) || v.startsWith(variable + "_") || variable.startsWith(v + "_"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
