package news.database;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Read replicas, when {@code news.datasource.replica.servers} names any (see {@link ReplicaRouting}): the primary's
 * data source is wrapped by {@link DatabaseAvailabilityConfiguration}; here the transaction manager learns to keep
 * transactions on the primary and record their commits, and the routing reports its metrics.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    @Bean
    static BeanPostProcessor transactionsOnThePrimary() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSourceTransactionManager manager && manager.getDataSource() != null) {
                    ReplicaRouting routing = routing(manager.getDataSource());
                    if (routing != null) {
                        manager.addListener(new ReplicaTransactions(routing, manager.getDataSource()));
                    }
                }
                return bean;
            }
        };
    }

    @Bean
    ReplicaFreshness replicaFreshness(DataSource dataSource) {
        return new ReplicaFreshness(routing(dataSource));
    }

    /**
     * {@code news.replicas.reads} (public reads by the side that answered them and why), {@code news.replicas.lag}
     * and {@code news.replicas.lag.bytes} per replica, {@code news.replicas.skips} (public reads that passed a replica
     * over, by reason), {@code news.replicas.read-your-writes.wait} (how long reads waited for a replica to replay a
     * commit, with p50 and p99).
     */
    @Bean
    MeterBinder replicaMetrics(ObjectProvider<DataSource> dataSource) {
        return registry -> {
            ReplicaRouting routing = routing(dataSource.getIfUnique());
            if (routing == null) {
                return;
            }
            counter(registry, routing, "replica", "replica", r -> r.replicaReads.sum());
            counter(registry, routing, "primary", "no-replica-usable", r -> r.primaryReadsNoReplica.sum());
            counter(registry, routing, "primary", "own-write-not-replayed", r -> r.primaryReadsOwnWrite.sum());
            counter(registry, routing, "primary", "replica-connection-lost", r -> r.primaryReadsReplicaFailed.sum());
            Timer replayed = replayWait(registry, "replayed");
            Timer inVain = replayWait(registry, "gave-up");
            routing.replayWaits((nanos, ok) -> (ok ? replayed : inVain).record(nanos, TimeUnit.NANOSECONDS));
            for (ReplicaRouting.Replica replica : routing.replicas()) {
                Gauge.builder("news.replicas.lag", replica, r -> r.lagNanos / 1e9)
                        .description("How far behind the primary the replica was when last polled")
                        .baseUnit("seconds")
                        .tag("replica", replica.name)
                        .register(registry);
                Gauge.builder("news.replicas.lag.bytes", replica, ReplicaRouting.Replica::lagBytes)
                        .description("Bytes of the primary's WAL the replica had not replayed when last polled")
                        .baseUnit("bytes")
                        .tag("replica", replica.name)
                        .register(registry);
                Gauge.builder("news.replicas.up", replica, r -> r.up ? 1 : 0)
                        .description("Whether the replica answered its last poll")
                        .tag("replica", replica.name)
                        .register(registry);
                FunctionCounter.builder("news.replicas.skips", replica, r -> r.skippedDown.sum())
                        .description("Public reads that passed over the replica")
                        .tags("replica", replica.name, "reason", "down")
                        .register(registry);
                FunctionCounter.builder("news.replicas.skips", replica, r -> r.skippedLagging.sum())
                        .description("Public reads that passed over the replica")
                        .tags("replica", replica.name, "reason", "lagging")
                        .register(registry);
                FunctionCounter.builder("news.replicas.skips", replica, r -> r.busy.sum())
                        .description("Public reads that passed over the replica")
                        .tags("replica", replica.name, "reason", "busy")
                        .register(registry);
            }
        };
    }

    /** Public reads that waited for a replica to replay a commit they must see, by how the wait ended. */
    private static Timer replayWait(io.micrometer.core.instrument.MeterRegistry registry, String outcome) {
        return Timer.builder("news.replicas.read-your-writes.wait")
                .description("Public reads that waited for a replica to replay a commit they must see")
                .tags("outcome", outcome)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    private static void counter(
            io.micrometer.core.instrument.MeterRegistry registry,
            ReplicaRouting routing,
            String side,
            String reason,
            ToDoubleFunction<ReplicaRouting> count) {
        FunctionCounter.builder("news.replicas.reads", routing, count)
                .description("Public reads (connections asked for) by the side that answered them")
                .tags("side", side, "reason", reason)
                .register(registry);
    }

    static ReplicaRouting routing(DataSource dataSource) {
        try {
            return dataSource != null && dataSource.isWrapperFor(ReplicaRouting.class)
                    ? dataSource.unwrap(ReplicaRouting.class)
                    : null;
        } catch (SQLException ex) {
            return null;
        }
    }
}
