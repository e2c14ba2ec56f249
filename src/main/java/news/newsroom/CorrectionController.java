package news.newsroom;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import news.article.Article;
import news.graphql.FieldLoaders;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Resolves {@code Article.corrections}, for all articles of a response in one statement. */
@Controller
class CorrectionController implements FieldLoaders {

    private final NewsroomRepository repository;

    CorrectionController(NewsroomRepository repository) {
        this.repository = repository;
    }

    /** {@code articleCorrections}: by article id, which is cheap to hash (the article record with its text is not). */
    @Override
    public void register(BatchLoaderRegistry registry) {
        registry.<Long, List<Correction>>forName("articleCorrections")
                .registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> repository.correctionsOf(ids)));
    }

    @SchemaMapping(typeName = "Article", field = "corrections")
    CompletableFuture<List<Correction>> corrections(
            Article article, DataLoader<Long, List<Correction>> articleCorrections) {
        return articleCorrections.load(article.id()).thenApply(list -> list == null ? List.of() : list);
    }
}
