package news.section;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of the section tree, answering parent, children, path and subtree questions in memory. */
public final class SectionTree {

    private final Map<Long, Section> byId = new LinkedHashMap<>();
    private final Map<String, Section> bySlug = new HashMap<>();
    private final Map<Long, List<Section>> children = new HashMap<>();
    private final List<Section> roots = new ArrayList<>();

    /** A tree of the given sections, e.g. rows a writer has just read under a lock. */
    public static SectionTree of(List<Section> sections) {
        return new SectionTree(sections);
    }

    SectionTree(List<Section> sections) {
        for (Section section : sections) {
            byId.put(section.id(), section);
            bySlug.put(section.slug(), section);
        }
        for (Section section : sections) {
            if (section.parentId() == null) {
                roots.add(section);
            } else {
                children.computeIfAbsent(section.parentId(), k -> new ArrayList<>())
                        .add(section);
            }
        }
    }

    public List<Section> roots() {
        return Collections.unmodifiableList(roots);
    }

    public Optional<Section> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Section> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public Optional<Section> parent(Section section) {
        return section.parentId() == null ? Optional.empty() : byId(section.parentId());
    }

    public List<Section> children(Section section) {
        return children.getOrDefault(section.id(), List.of());
    }

    /** From the top-level section down to {@code section}, inclusive: the breadcrumb. */
    public List<Section> path(Section section) {
        List<Section> path = new ArrayList<>();
        Section current = section;
        // The bound guards against a cycle that a concurrent move could briefly show.
        while (current != null && path.size() <= byId.size()) {
            path.add(0, current);
            current = current.parentId() == null ? null : byId.get(current.parentId());
        }
        return path;
    }

    /** Canonical path of the section front, e.g. {@code /berita/dunia}. */
    public String url(Section section) {
        StringBuilder url = new StringBuilder();
        for (Section s : path(section)) {
            url.append('/').append(s.slug());
        }
        return url.toString();
    }

    /** Ids of the section and all its descendants. */
    public List<Long> subtreeIds(Section section) {
        List<Long> ids = new ArrayList<>();
        List<Section> queue = new ArrayList<>(List.of(section));
        while (!queue.isEmpty() && ids.size() <= byId.size()) {
            Section next = queue.remove(0);
            ids.add(next.id());
            queue.addAll(children(next));
        }
        return ids;
    }
}
