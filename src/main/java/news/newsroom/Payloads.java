package news.newsroom;

import java.util.List;

import news.article.Article;
import news.reporter.Reporter;
import news.section.Section;

/** The members of the mutation result unions; GraphQL resolves each by its simple class name. */
final class Payloads {

    private Payloads() {
    }

    /** The article as stored after a successful mutation. */
    record ArticlePayload(Article article) {
    }

    /** The reporter as stored after a successful mutation. */
    record ReporterPayload(Reporter reporter) {
    }

    /** The section as stored after a successful mutation. */
    record SectionPayload(Section section) {
    }

    /** The input was refused; nothing was written. */
    record ValidationFailed(List<FieldError> errors) {
    }
}
