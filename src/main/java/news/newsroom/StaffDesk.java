package news.newsroom;

import static news.db.Tables.REPORTER;
import static news.db.Tables.SECTION;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.Field;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import news.content.ContentChanged;
import news.graphql.GlobalId;
import news.newsroom.StaffInputs.CreateReporterInput;
import news.newsroom.StaffInputs.CreateSectionInput;
import news.newsroom.StaffInputs.MoveSectionInput;
import news.newsroom.StaffInputs.RenameSectionInput;
import news.newsroom.StaffInputs.UpdateReporterInput;
import news.reporter.Reporter;
import news.reporter.ReporterCatalog;
import news.section.Section;
import news.section.SectionTree;
import news.security.Editors;

/** Reporters and the section tree, managed by administrators. Section moves never create a cycle. */
@Service
class StaffDesk {

    static final int MAX_SLUG = 100;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_URL = 1000;

    private final Desk desk;

    private final NewsroomRepository repository;

    private final ReporterCatalog reporters;

    private final ApplicationEventPublisher events;

    /**
     * Every write publishes a {@link ContentChanged} inside its transaction; caches on this and the other instances
     * act on it once the transaction has committed, and not at all when it rolls back.
     */
    StaffDesk(Desk desk, NewsroomRepository repository, ReporterCatalog reporters, ApplicationEventPublisher events) {
        this.desk = desk;
        this.repository = repository;
        this.reporters = reporters;
        this.events = events;
    }

    ReporterResult createReporter(CreateReporterInput input) {
        String editor = Editors.current();
        return desk.run("input.slug", () -> {
            Problems problems = new Problems();
            Map<Field<?>, Object> values = new HashMap<>();
            if (problems.text("input.name", input.name(), MAX_NAME)) {
                values.put(REPORTER.NAME, input.name().strip());
            }
            reporterTexts(problems, input.bio(), input.avatarUrl(), values);
            String slug = null;
            if (input.slug() != null) {
                slug = reporterSlug(problems, input.slug(), null);
            }
            else if (input.name() != null && !input.name().isBlank()) {
                String base = FreeSlugs.base(input.name(), MAX_SLUG, "reporter");
                slug = FreeSlugs.firstFree(base, repository.reporterSlugsLike(base));
            }
            problems.check();
            values.put(REPORTER.SLUG, slug);
            long id = repository.insertReporter(values);
            repository.audit(editor, "CREATE_REPORTER", "Reporter", id, null);
            events.publishEvent(ContentChanged.reporter(id));
            return new ReporterPayload(reporters.byId(id).orElseThrow());
        }, refused -> refused);
    }

    ReporterResult updateReporter(UpdateReporterInput input) {
        String editor = Editors.current();
        return desk.run("input.slug", () -> {
            long id = GlobalId.decode(input.id(), "Reporter", "input.id");
            Reporter current = repository.lockReporter(id).orElse(null);
            if (current == null) {
                Problems.reject("input.id", "NOT_FOUND", "No reporter has this id.");
            }
            Problems problems = new Problems();
            Map<Field<?>, Object> values = new HashMap<>();
            if (input.name() != null && problems.text("input.name", input.name(), MAX_NAME)) {
                values.put(REPORTER.NAME, input.name().strip());
            }
            reporterTexts(problems, input.bio(), input.avatarUrl(), values);
            if (input.slug() != null) {
                values.put(REPORTER.SLUG, reporterSlug(problems, input.slug(), id));
            }
            problems.check();
            repository.updateReporter(id, values);
            repository.audit(editor, "UPDATE_REPORTER", "Reporter", id, null);
            events.publishEvent(ContentChanged.reporter(id));
            return new ReporterPayload(reporters.byId(id).orElseThrow());
        }, refused -> refused);
    }

    SectionResult createSection(CreateSectionInput input) {
        String editor = Editors.current();
        return desk.run("input.slug", () -> {
            List<Section> all = repository.lockSections();
            SectionTree tree = SectionTree.of(all);
            Problems problems = new Problems();
            Map<Field<?>, Object> values = new HashMap<>();
            if (problems.text("input.name", input.name(), MAX_NAME)) {
                values.put(SECTION.NAME, input.name().strip());
            }
            if (input.description() != null && problems.optionalText("input.description", input.description(),
                    MAX_TEXT)) {
                values.put(SECTION.DESCRIPTION, input.description().isBlank() ? null : input.description().strip());
            }
            if (input.parent() != null) {
                parent(problems, tree, input.parent()).ifPresent(p -> values.put(SECTION.PARENT_ID, p.id()));
            }
            values.put(SECTION.POSITION, position(problems, input.position()));
            String slug = null;
            if (input.slug() != null) {
                slug = sectionSlug(problems, tree, input.slug(), null);
            }
            else if (input.name() != null && !input.name().isBlank()) {
                String base = FreeSlugs.base(input.name(), MAX_SLUG, "rubrik");
                slug = FreeSlugs.firstFree(base, new java.util.HashSet<>(all.stream().map(Section::slug).toList()));
            }
            problems.check();
            values.put(SECTION.SLUG, slug);
            long id = repository.insertSection(values);
            repository.audit(editor, "CREATE_SECTION", "Section", id, null);
            events.publishEvent(ContentChanged.section(id));
            return new SectionPayload(repository.section(id));
        }, refused -> refused);
    }

    SectionResult renameSection(RenameSectionInput input) {
        String editor = Editors.current();
        return desk.run("input.slug", () -> {
            SectionTree tree = SectionTree.of(repository.lockSections());
            Section current = section(tree, input.id());
            Problems problems = new Problems();
            Map<Field<?>, Object> values = new HashMap<>();
            if (problems.text("input.name", input.name(), MAX_NAME)) {
                values.put(SECTION.NAME, input.name().strip());
            }
            if (input.description() != null && problems.optionalText("input.description", input.description(),
                    MAX_TEXT)) {
                values.put(SECTION.DESCRIPTION, input.description().isBlank() ? null : input.description().strip());
            }
            if (input.slug() != null) {
                values.put(SECTION.SLUG, sectionSlug(problems, tree, input.slug(), current.id()));
            }
            problems.check();
            repository.updateSection(current.id(), values);
            repository.audit(editor, "RENAME_SECTION", "Section", current.id(), null);
            events.publishEvent(ContentChanged.section(current.id()));
            return new SectionPayload(repository.section(current.id()));
        }, refused -> refused);
    }

    SectionResult moveSection(MoveSectionInput input) {
        String editor = Editors.current();
        return desk.run("input.id", () -> {
            SectionTree tree = SectionTree.of(repository.lockSections());
            Section current = section(tree, input.id());
            Problems problems = new Problems();
            Map<Field<?>, Object> values = new HashMap<>();
            Long parentId = null;
            if (input.parent() != null) {
                Optional<Section> parent = parent(problems, tree, input.parent());
                if (parent.isPresent()) {
                    parentId = parent.get().id();
                    // Under itself or a descendant, the section would become its own ancestor.
                    if (tree.subtreeIds(current).contains(parentId)) {
                        problems.add("input.parent", "CYCLE", "A section cannot move under itself or one of its "
                                + "subsections.");
                    }
                }
            }
            values.put(SECTION.PARENT_ID, parentId);
            values.put(SECTION.POSITION, input.position() == null ? current.position()
                    : position(problems, input.position()));
            problems.check();
            repository.updateSection(current.id(), values);
            repository.audit(editor, "MOVE_SECTION", "Section", current.id(), null);
            events.publishEvent(ContentChanged.section(current.id()));
            return new SectionPayload(repository.section(current.id()));
        }, refused -> refused);
    }

    private static Section section(SectionTree tree, String id) {
        Optional<Section> section = tree.byId(GlobalId.decode(id, "Section", "input.id"));
        if (section.isEmpty()) {
            Problems.reject("input.id", "NOT_FOUND", "No section has this id.");
        }
        return section.get();
    }

    private static Optional<Section> parent(Problems problems, SectionTree tree, String slug) {
        Optional<Section> parent = tree.bySlug(slug);
        if (parent.isEmpty()) {
            problems.add("input.parent", "UNKNOWN_PARENT", "No section has the slug '" + slug + "'.");
        }
        return parent;
    }

    private static int position(Problems problems, Integer position) {
        if (position == null) {
            return 0;
        }
        if (position < 0 || position > 10_000) {
            problems.add("input.position", "OUT_OF_RANGE", "'input.position' must be between 0 and 10000.");
        }
        return position;
    }

    private static String sectionSlug(Problems problems, SectionTree tree, String slug, Long sectionId) {
        if (!FreeSlugs.valid(problems, "input.slug", slug, MAX_SLUG)) {
            return null;
        }
        if (tree.bySlug(slug).filter(s -> !Long.valueOf(s.id()).equals(sectionId)).isPresent()) {
            problems.add("input.slug", "SLUG_TAKEN", "'input.slug' is already used by another section.");
            return null;
        }
        return slug;
    }

    private String reporterSlug(Problems problems, String slug, Long reporterId) {
        if (!FreeSlugs.valid(problems, "input.slug", slug, MAX_SLUG)) {
            return null;
        }
        if (repository.reporterSlugTaken(slug, reporterId)) {
            problems.add("input.slug", "SLUG_TAKEN", "'input.slug' is already used by another reporter.");
            return null;
        }
        return slug;
    }

    private static void reporterTexts(Problems problems, String bio, String avatarUrl, Map<Field<?>, Object> values) {
        if (bio != null && problems.optionalText("input.bio", bio, MAX_TEXT)) {
            values.put(REPORTER.BIO, bio.isBlank() ? null : bio.strip());
        }
        if (avatarUrl != null && problems.optionalText("input.avatarUrl", avatarUrl, MAX_URL)
                && (avatarUrl.isBlank() || problems.url("input.avatarUrl", avatarUrl))) {
            values.put(REPORTER.AVATAR_URL, avatarUrl.isBlank() ? null : avatarUrl.strip());
        }
    }
}
