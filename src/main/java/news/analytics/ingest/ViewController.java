package news.analytics.ingest;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import news.graphql.BadInputException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Recording views: {@code recordView} and {@code recordViews}. */
@Controller
class ViewController {

    private final ViewRecorder recorder;

    ViewController(ViewRecorder recorder) {
        this.recorder = recorder;
    }

    @MutationMapping
    RecordViewPayload recordView(@Argument ViewReport input, DataFetchingEnvironment env) {
        ViewDecision decision = recorder.ingest(input, origin(env));
        if (decision.outcome() == ViewOutcome.REJECTED) {
            throw new BadInputException("input.articleId", decision.message());
        }
        return RecordViewPayload.of(decision.outcome());
    }

    /** The number of views is checked for the whole request before it runs, see {@link ViewsPerRequest}. */
    @MutationMapping
    RecordViewsPayload recordViews(@Argument List<ViewReport> input, DataFetchingEnvironment env) {
        return RecordViewsPayload.of(input, recorder.ingest(input, origin(env)));
    }

    private static ClientOrigin origin(DataFetchingEnvironment env) {
        ClientOrigin origin = env.getGraphQlContext().get(ClientOrigin.CONTEXT_KEY);
        return origin == null ? new ClientOrigin("", null) : origin;
    }
}
