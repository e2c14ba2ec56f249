package news.newsroom;

import java.util.List;

/** The input was refused, for the reasons listed per field; nothing was written. */
record ValidationFailed(List<FieldError> errors) implements ArticleResult, ReporterResult, SectionResult {}
