/**
 * What all content features share and none of them owns: the one rule of what readers may see
 * ({@link news.content.ContentRepository#publicArticle}, for the repositories of the features that query articles),
 * and {@link news.content.ContentChanged}, the event that says something readers may see has changed. The newsroom
 * publishes it inside its write transaction; {@link news.content.ContentChanges} carries it to the other instances
 * by PostgreSQL notification once the transaction commits, and on every instance {@link news.content.AfterCommit} runs
 * the steps other modules implement ({@link news.content.AfterCommitStep}) in a declared order: local caches, the
 * response cache, the CDN purge, live announcements. The same channel carries short messages between instances for
 * other modules ({@link news.content.InstanceMessages}, received by {@link news.content.InstanceMessageReceiver}s),
 * such as the analytics alerts. It uses the generated database code, and {@code news.database}
 * to make public reads wait for read replicas to have a change heard of before caches refill.
 */
@ApplicationModule(allowedDependencies = {"database", "db"})
package news.content;

import org.springframework.modulith.ApplicationModule;
