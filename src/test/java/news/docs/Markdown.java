package news.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's Markdown pages (the README and every page under {@code docs/}) as GitHub renders them: the anchors
 * their headings get and the relative links they make. Code blocks and code spans are not text, so links and
 * headings inside them are not read.
 */
final class Markdown {

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at the first space or closing bracket. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    /** {@code [label]: target} at the start of a line. */
    private static final Pattern REFERENCE_LINK = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");

    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

    private Markdown() {}

    /** The README and the pages of {@code docs/} under {@code root}, by path relative to it. */
    static Map<Path, String> pages(Path root) {
        Map<Path, String> pages = new TreeMap<>();
        try {
            Path readme = root.resolve("README.md");
            if (Files.exists(readme)) {
                pages.put(root.relativize(readme), Files.readString(readme));
            }
            Path docs = root.resolve("docs");
            if (Files.isDirectory(docs)) {
                try (Stream<Path> files = Files.list(docs)) {
                    for (Path page :
                            files.filter(p -> p.toString().endsWith(".md")).toList()) {
                        pages.put(root.relativize(page), Files.readString(page));
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return pages;
    }

    /** The lines of a page that are text, with fenced code blocks blanked (so line numbers stay true). */
    static List<String> textLines(String markdown) {
        List<String> lines = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                lines.add("");
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                lines.add("");
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A line without its code spans. */
    static String withoutCode(String line) {
        return CODE_SPAN.matcher(line).replaceAll("");
    }

    /** The anchors GitHub gives the headings of a page, with {@code -1}, {@code -2} for repeated ones. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : textLines(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor of a heading: its text without markup, lower case, every character that is not a letter, digit,
     * space, hyphen or underscore dropped, and spaces turned into hyphens.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // links keep their text
                .replaceAll("<[^>]+>", "") // inline HTML
                .replace("`", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** A link of a page: where it points, and the line it is on (from 1). */
    record Link(String target, int line) {}

    /** Every link of a page outside code. */
    static List<Link> links(String markdown) {
        List<Link> links = new ArrayList<>();
        List<String> lines = textLines(markdown);
        for (int i = 0; i < lines.size(); i++) {
            String line = withoutCode(lines.get(i));
            Matcher inline = INLINE_LINK.matcher(line);
            while (inline.find()) {
                links.add(new Link(inline.group(1), i + 1));
            }
            Matcher reference = REFERENCE_LINK.matcher(line);
            if (reference.matches()) {
                links.add(new Link(reference.group(1), i + 1));
            }
        }
        return links;
    }

    /** Whether a link leaves the repository (a web address, mail), so only a person can check it. */
    static boolean external(String target) {
        return target.matches("(?i)[a-z][a-z0-9+.-]*:.*");
    }
}
