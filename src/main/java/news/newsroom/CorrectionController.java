package news.newsroom;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import news.article.Article;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** Resolves {@code Article.corrections}, for all articles of a response in one statement. */
@Controller
class CorrectionController {

    private final NewsroomRepository repository;

    CorrectionController(NewsroomRepository repository) {
        this.repository = repository;
    }

    @BatchMapping(typeName = "Article")
    Map<Article, List<Correction>> corrections(List<Article> articles) {
        Map<Long, List<Correction>> byId = repository.correctionsOf(
                articles.stream().map(Article::id).distinct().toList());
        return articles.stream()
                .distinct()
                .collect(Collectors.toMap(Function.identity(), a -> byId.getOrDefault(a.id(), List.of())));
    }
}
