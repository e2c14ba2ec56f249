package news.newsroom;

import java.util.Optional;

/** What a mutation writes to a reporter row: null leaves a column as it is, an empty {@link Optional} clears it. */
record ReporterChanges(String slug, String name, Optional<String> bio, Optional<String> avatarUrl) {}
