package news.analytics.report;

import graphql.schema.DataFetchingEnvironment;
import java.time.OffsetDateTime;
import java.util.List;
import news.analytics.PopularityWindow;
import news.analytics.ingest.IngestionStats;
import news.analytics.ranking.LiveRankings;
import news.article.Article;
import news.article.ArticleCatalog;
import news.graphql.GlobalId;
import news.graphql.Selections;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * The editors' analytics ({@code Query.analytics}): views over time, one article over time, totals per section and
 * per reporter with the change against the previous window, the ingestion accounting, the live popular list
 * ({@code Subscription.popularChanged}) and live readers now ({@code Subscription.readersNow}). Every editor-only
 * resolver lives here, so that access to all of them is granted in one place: editors only.
 */
@Controller
@PreAuthorize("hasRole('EDITOR')")
class ReadershipController {

    private final ReadershipReport report;

    private final LiveRankings live;

    private final LiveReaders liveReaders;

    private final ArticleCatalog articles;

    ReadershipController(ReadershipReport report, LiveRankings live, LiveReaders liveReaders, ArticleCatalog articles) {
        this.report = report;
        this.live = live;
        this.liveReaders = liveReaders;
        this.articles = articles;
    }

    @SubscriptionMapping
    Flux<LiveRankings.Update> popularChanged(
            @Argument PopularityWindow window, @Argument String section, @Argument Integer first) {
        return live.popular(window, section, first);
    }

    @SubscriptionMapping("readersNow")
    Flux<LiveReaders.Update> liveReadersNow(@Argument AnalyticsScope scope) {
        return liveReaders.readersNow(scope);
    }

    @QueryMapping
    Analytics analytics() {
        return Analytics.INSTANCE;
    }

    @SchemaMapping(typeName = "Analytics")
    List<ReadershipStats.ViewsPoint> viewsOverTime(
            Analytics analytics,
            @Argument AnalyticsScope scope,
            @Argument TimeBucket bucket,
            @Argument OffsetDateTime from,
            @Argument OffsetDateTime to,
            DataFetchingEnvironment env) {
        return report.viewsOverTime(scope, bucket, from, to, Selections.contains(env, "readers"));
    }

    /**
     * Readers are read (one statement per window for the whole list) only when asked for, also for the engaged
     * seconds per reader.
     */
    @SchemaMapping(typeName = "Analytics")
    List<ReadershipStats.SectionViews> sectionTotals(
            Analytics analytics, @Argument PopularityWindow window, DataFetchingEnvironment env) {
        return report.sectionTotals(window, asksForReaders(env) || Selections.contains(env, "averageEngagedSeconds"));
    }

    @SchemaMapping(typeName = "Analytics")
    List<ReadershipStats.ReporterViews> reporterTotals(
            Analytics analytics,
            @Argument PopularityWindow window,
            @Argument Integer first,
            DataFetchingEnvironment env) {
        return report.reporterTotals(window, first, asksForReaders(env));
    }

    private static boolean asksForReaders(DataFetchingEnvironment env) {
        return Selections.contains(env, "readers") || Selections.contains(env, "previousReaders");
    }

    @SchemaMapping(typeName = "Analytics")
    List<ReadershipStats.SourceViews> sources(
            Analytics analytics, @Argument AnalyticsScope scope, @Argument PopularityWindow window) {
        return report.sources(scope, window);
    }

    @SchemaMapping(typeName = "Analytics")
    List<ReadershipStats.ReferrerViews> referrers(
            Analytics analytics, @Argument String article, @Argument PopularityWindow window, @Argument Integer first) {
        return report.referrers(article, window, first);
    }

    @SchemaMapping(typeName = "Analytics")
    long readersNow(Analytics analytics, @Argument AnalyticsScope scope) {
        return report.readersNow(scope);
    }

    @SchemaMapping(typeName = "Article", field = "engagedSeconds")
    long engagedSeconds(Article article, @Argument PopularityWindow window) {
        return report.engagedSeconds(article.id(), window);
    }

    @SchemaMapping(typeName = "Article", field = "averageEngagedSeconds")
    Double averageEngagedSeconds(Article article, @Argument PopularityWindow window) {
        return report.averageEngagedSeconds(article.id(), window);
    }

    @SchemaMapping(typeName = "Analytics")
    ReadershipStats.ArticleOverTime articleOverTime(
            Analytics analytics,
            @Argument String article,
            @Argument TimeBucket bucket,
            @Argument OffsetDateTime from,
            @Argument OffsetDateTime to) {
        return report.articleOverTime(article, bucket, from, to);
    }

    @SchemaMapping(typeName = "ArticleOverTime", field = "article")
    Article overTimeArticle(ReadershipStats.ArticleOverTime overTime) {
        return articles.anyById(overTime.articleId()).orElse(null);
    }

    @SchemaMapping(typeName = "ArticleOverTime", field = "articleId")
    String overTimeArticleId(ReadershipStats.ArticleOverTime overTime) {
        return GlobalId.encode("Article", overTime.articleId());
    }

    @SchemaMapping(typeName = "Analytics")
    IngestionStats ingestion(
            Analytics analytics,
            @Argument PopularityWindow window,
            @Argument OffsetDateTime from,
            @Argument OffsetDateTime to) {
        return report.ingestion(window, from, to);
    }
}
