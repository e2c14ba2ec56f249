package news.newsroom;

import java.util.Optional;
import news.content.ContentChanged;
import news.graphql.GlobalId;
import news.newsroom.StaffInputs.CreateReporterInput;
import news.newsroom.StaffInputs.CreateSectionInput;
import news.newsroom.StaffInputs.MoveSectionInput;
import news.newsroom.StaffInputs.RenameSectionInput;
import news.newsroom.StaffInputs.UpdateReporterInput;
import news.reporter.ReporterCatalog;
import news.section.Section;
import news.section.SectionTree;
import news.security.Editors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

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
        return writeReporter("CREATE_REPORTER", null, (reporterId, problems) -> {
            String name = problems.requiredText("input.name", input.name(), MAX_NAME);
            Optional<String> bio = problems.clearableText("input.bio", input.bio(), MAX_TEXT);
            Optional<String> avatarUrl = avatarUrl(problems, input.avatarUrl());
            String slug = null;
            if (input.slug() != null) {
                slug = reporterSlug(problems, input.slug(), null);
            } else if (input.name() != null && !input.name().isBlank()) {
                String base = FreeSlugs.base(input.name(), MAX_SLUG, "reporter");
                slug = FreeSlugs.firstFree(base, repository.reporterSlugsLike(base)::contains);
            }
            return new ReporterChanges(slug, name, bio, avatarUrl);
        });
    }

    ReporterResult updateReporter(UpdateReporterInput input) {
        return writeReporter("UPDATE_REPORTER", input.id(), (reporterId, problems) -> {
            String name = input.name() == null ? null : problems.requiredText("input.name", input.name(), MAX_NAME);
            Optional<String> bio = problems.clearableText("input.bio", input.bio(), MAX_TEXT);
            Optional<String> avatarUrl = avatarUrl(problems, input.avatarUrl());
            String slug = input.slug() == null ? null : reporterSlug(problems, input.slug(), reporterId);
            return new ReporterChanges(slug, name, bio, avatarUrl);
        });
    }

    SectionResult createSection(CreateSectionInput input) {
        return writeSection("CREATE_SECTION", "input.slug", null, (tree, current, problems) -> {
            String name = problems.requiredText("input.name", input.name(), MAX_NAME);
            Optional<String> description = problems.clearableText("input.description", input.description(), MAX_TEXT);
            Optional<Long> parentId = input.parent() == null
                    ? null
                    : parent(problems, tree, input.parent()).map(Section::id);
            int position = position(problems, input.position());
            String slug = null;
            if (input.slug() != null) {
                slug = sectionSlug(problems, tree, input.slug(), null);
            } else if (input.name() != null && !input.name().isBlank()) {
                String base = FreeSlugs.base(input.name(), MAX_SLUG, "rubrik");
                slug = FreeSlugs.firstFree(base, taken -> tree.bySlug(taken).isPresent());
            }
            return new SectionChanges(slug, name, description, parentId, position);
        });
    }

    SectionResult renameSection(RenameSectionInput input) {
        return writeSection("RENAME_SECTION", "input.slug", input.id(), (tree, current, problems) -> {
            String name = problems.requiredText("input.name", input.name(), MAX_NAME);
            Optional<String> description = problems.clearableText("input.description", input.description(), MAX_TEXT);
            String slug = input.slug() == null ? null : sectionSlug(problems, tree, input.slug(), current.id());
            return new SectionChanges(slug, name, description, null, null);
        });
    }

    SectionResult moveSection(MoveSectionInput input) {
        return writeSection("MOVE_SECTION", "input.id", input.id(), (tree, current, problems) -> {
            Long parentId = null;
            if (input.parent() != null) {
                Optional<Section> parent = parent(problems, tree, input.parent());
                if (parent.isPresent()) {
                    parentId = parent.get().id();
                    // Under itself or a descendant, the section would become its own ancestor.
                    if (tree.subtreeIds(current).contains(parentId)) {
                        problems.add(
                                "input.parent",
                                "CYCLE",
                                "A section cannot move under itself or one of its " + "subsections.");
                    }
                }
            }
            int position = input.position() == null ? current.position() : position(problems, input.position());
            return new SectionChanges(null, null, null, Optional.ofNullable(parentId), position);
        });
    }

    /** Checks an input's fields for the reporter {@code reporterId} (null for a new one). */
    @FunctionalInterface
    private interface ReporterEdit {
        ReporterChanges changes(Long reporterId, Problems problems);
    }

    /** Checks an input's fields against the locked tree and {@code current} (null for a new section). */
    @FunctionalInterface
    private interface SectionEdit {
        SectionChanges changes(SectionTree tree, Section current, Problems problems);
    }

    /**
     * One reporter mutation: locks the reporter named by {@code id} (null creates one), applies {@code edit} unless
     * it found problems, and audits and announces the change.
     */
    private ReporterResult writeReporter(String action, String id, ReporterEdit edit) {
        String editor = Editors.current();
        return desk.run("input.slug", () -> {
            Long reporterId = null;
            if (id != null) {
                reporterId = GlobalId.decode(id, "Reporter", "input.id");
                if (repository.lockReporter(reporterId).isEmpty()) {
                    Problems.reject("input.id", "NOT_FOUND", "No reporter has this id.");
                }
            }
            Problems problems = new Problems();
            ReporterChanges changes = edit.changes(reporterId, problems);
            problems.check();
            if (reporterId == null) {
                reporterId = repository.insertReporter(changes);
            } else {
                repository.updateReporter(reporterId, changes);
            }
            repository.audit(editor, action, "Reporter", reporterId, null);
            events.publishEvent(ContentChanged.reporter(reporterId));
            return new ReporterPayload(reporters.byId(reporterId).orElseThrow());
        });
    }

    /**
     * One section mutation, under the lock that serializes section writes: finds the section named by {@code id}
     * (null creates one), applies {@code edit} unless it found problems, and audits and announces the change.
     */
    private SectionResult writeSection(String action, String slugField, String id, SectionEdit edit) {
        String editor = Editors.current();
        return desk.run(slugField, () -> {
            SectionTree tree = SectionTree.of(repository.lockSections());
            Section current = id == null ? null : section(tree, id);
            Problems problems = new Problems();
            SectionChanges changes = edit.changes(tree, current, problems);
            problems.check();
            long sectionId;
            if (current == null) {
                sectionId = repository.insertSection(changes);
            } else {
                sectionId = current.id();
                repository.updateSection(sectionId, changes);
            }
            repository.audit(editor, action, "Section", sectionId, null);
            events.publishEvent(ContentChanged.section(sectionId));
            return new SectionPayload(repository.section(sectionId));
        });
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
        if (tree.bySlug(slug)
                .filter(s -> !Long.valueOf(s.id()).equals(sectionId))
                .isPresent()) {
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

    /** A clearable avatar link: null when not given or refused. */
    private static Optional<String> avatarUrl(Problems problems, String avatarUrl) {
        Optional<String> url = problems.clearableText("input.avatarUrl", avatarUrl, MAX_URL);
        return url != null && url.isPresent() && !problems.url("input.avatarUrl", url.get()) ? null : url;
    }
}
