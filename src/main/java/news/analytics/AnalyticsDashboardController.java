package news.analytics;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * The editors' analytics ({@code Query.analytics}): views over time, totals per section and per reporter with the
 * change against the previous window, the ingestion accounting, and the live popular list
 * ({@code Subscription.popularChanged}). Every editor-only resolver lives here, so that
 * access to all of them is granted in one place: editors only.
 */
@Controller
@PreAuthorize("hasRole('EDITOR')")
class AnalyticsDashboardController {

    private final Dashboard dashboard;

    private final LiveRankings live;

    AnalyticsDashboardController(Dashboard dashboard, LiveRankings live) {
        this.dashboard = dashboard;
        this.live = live;
    }

    @SubscriptionMapping
    Flux<LiveRankings.Update> popularChanged(
            @Argument PopularityWindow window, @Argument String section, @Argument Integer first) {
        return live.popular(window, section, first);
    }

    @QueryMapping
    Analytics analytics() {
        return Analytics.INSTANCE;
    }

    @SchemaMapping(typeName = "Analytics")
    List<DashboardStats.ViewsPoint> viewsOverTime(
            Analytics analytics,
            @Argument AnalyticsScope scope,
            @Argument TimeBucket bucket,
            @Argument OffsetDateTime from,
            @Argument OffsetDateTime to) {
        return dashboard.viewsOverTime(scope, bucket, from, to);
    }

    @SchemaMapping(typeName = "Analytics")
    List<DashboardStats.SectionViews> sectionTotals(Analytics analytics, @Argument PopularityWindow window) {
        return dashboard.sectionTotals(window);
    }

    @SchemaMapping(typeName = "Analytics")
    List<DashboardStats.ReporterViews> reporterTotals(
            Analytics analytics, @Argument PopularityWindow window, @Argument Integer first) {
        return dashboard.reporterTotals(window, first);
    }

    @SchemaMapping(typeName = "Analytics")
    DashboardStats.IngestionStats ingestion(Analytics analytics) {
        return dashboard.ingestion();
    }
}
