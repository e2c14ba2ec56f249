package news.newsroom;

/** The reporter and section mutation inputs, as the client sent them. */
final class StaffInputs {

    private StaffInputs() {}

    /** A new reporter; the slug is generated from the name unless given. */
    record CreateReporterInput(String name, String slug, String bio, String avatarUrl) {}

    /** Changes to a reporter; null fields stay as they are, an empty bio or avatar removes it. */
    record UpdateReporterInput(String id, String name, String slug, String bio, String avatarUrl) {}

    /** A new section under {@code parent} (a slug; null for top level). */
    record CreateSectionInput(String name, String slug, String description, String parent, Integer position) {}

    /** A new display name (and optionally slug and description) for a section. */
    record RenameSectionInput(String id, String name, String slug, String description) {}

    /** A section's new place in the tree: under {@code parent} (null: top level) at {@code position}. */
    record MoveSectionInput(String id, String parent, Integer position) {}
}
