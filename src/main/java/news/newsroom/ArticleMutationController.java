package news.newsroom;

import news.newsroom.ArticleInputs.AddCorrectionInput;
import news.newsroom.ArticleInputs.ArticleVersionInput;
import news.newsroom.ArticleInputs.CreateArticleInput;
import news.newsroom.ArticleInputs.ScheduleArticleInput;
import news.newsroom.ArticleInputs.UpdateArticleInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** The article mutations; editors only. Each answers an {@code ArticleResult}. */
@Controller
@PreAuthorize("hasRole('EDITOR')")
class ArticleMutationController {

    private final ArticleDesk desk;

    ArticleMutationController(ArticleDesk desk) {
        this.desk = desk;
    }

    @MutationMapping
    ArticleResult createArticle(@Argument CreateArticleInput input) {
        return desk.create(input);
    }

    @MutationMapping
    ArticleResult updateArticle(@Argument UpdateArticleInput input) {
        return desk.update(input);
    }

    @MutationMapping
    ArticleResult publishArticle(@Argument ArticleVersionInput input) {
        return desk.publish(input);
    }

    @MutationMapping
    ArticleResult scheduleArticle(@Argument ScheduleArticleInput input) {
        return desk.schedule(input);
    }

    @MutationMapping
    ArticleResult unpublishArticle(@Argument ArticleVersionInput input) {
        return desk.unpublish(input);
    }

    @MutationMapping
    ArticleResult archiveArticle(@Argument ArticleVersionInput input) {
        return desk.archive(input);
    }

    @MutationMapping
    ArticleResult addCorrection(@Argument AddCorrectionInput input) {
        return desk.addCorrection(input);
    }
}
