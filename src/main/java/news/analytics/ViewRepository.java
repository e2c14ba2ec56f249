package news.analytics;

import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Writes counted views into the hourly buckets. */
@Repository
class ViewRepository {

    /*
     * One statement per flush, whatever the number of keys: three arrays unnested into rows and added to existing
     * buckets. Rows come in key order so that two instances flushing at once lock in the same order and cannot
     * deadlock. The join drops counts of articles deleted since they were counted, which would otherwise fail the
     * foreign key and block every later flush.
     */
    private static final String UPSERT = """
            insert into article_views_hourly (article_id, hour, views)
            select d.article_id, to_timestamp(d.hour), d.views
            from unnest(?::bigint[], ?::bigint[], ?::bigint[]) as d (article_id, hour, views)
            join article a on a.id = d.article_id
            order by d.article_id, d.hour
            on conflict (article_id, hour) do update set views = article_views_hourly.views + excluded.views
            """;

    private final DSLContext dsl;

    ViewRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void add(List<HourlyCount> counts) {
        int n = counts.size();
        Long[] articles = new Long[n];
        Long[] hours = new Long[n];
        Long[] views = new Long[n];
        for (int i = 0; i < n; i++) {
            HourlyCount c = counts.get(i);
            articles[i] = c.key().articleId();
            hours[i] = c.key().hourEpochSecond();
            views[i] = c.views();
        }
        dsl.execute(UPSERT, articles, hours, views);
    }
}
