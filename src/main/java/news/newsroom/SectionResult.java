package news.newsroom;

/** The {@code SectionResult} union: the stored section, or why the input was refused. */
sealed interface SectionResult permits SectionPayload, ValidationFailed {}
