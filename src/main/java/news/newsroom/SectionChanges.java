package news.newsroom;

import java.util.Optional;

/**
 * What a mutation writes to a section row: null leaves a column as it is, an empty {@link Optional} clears it (an
 * empty {@code parentId} makes the section top-level).
 */
record SectionChanges(
        String slug, String name, Optional<String> description, Optional<Long> parentId, Integer position) {}
