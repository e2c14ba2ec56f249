package news.section;

import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Resolves sections, all from the in-memory {@link SectionTree}; their place in the tree is resolved by
 * {@link SectionFields}.
 */
@Controller
class SectionController {

    private final SectionDirectory directory;

    SectionController(SectionDirectory directory) {
        this.directory = directory;
    }

    @QueryMapping
    List<Section> sections() {
        return directory.tree().roots();
    }

    @QueryMapping
    Section section(@Argument String slug) {
        return directory.tree().bySlug(slug).orElse(null);
    }
}
