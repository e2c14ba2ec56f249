package news.graphql;

import org.springframework.graphql.execution.BatchLoaderRegistry;

/**
 * A feature's batch loaders: every DataLoader of the service is registered here, by a bean of this type, with Spring's
 * {@link BatchLoaderRegistry}, once at startup. A field reads its loader as a {@code DataLoader} parameter of its
 * controller method (named like the loader) or, for a listed plain field, from the environment.
 */
public interface FieldLoaders {

    /** Registers this feature's loaders. */
    void register(BatchLoaderRegistry registry);
}
