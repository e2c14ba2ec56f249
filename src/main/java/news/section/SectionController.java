package news.section;

import java.util.List;
import news.graphql.GlobalId;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Resolves sections and their place in the tree, all from the in-memory {@link SectionTree}. */
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

    @SchemaMapping
    String id(Section section) {
        return GlobalId.encode("Section", section.id());
    }

    @SchemaMapping
    Section parent(Section section) {
        return directory.tree().parent(section).orElse(null);
    }

    @SchemaMapping
    List<Section> children(Section section) {
        return directory.tree().children(section);
    }

    @SchemaMapping
    List<Section> path(Section section) {
        return directory.tree().path(section);
    }

    @SchemaMapping
    String url(Section section) {
        return directory.tree().url(section);
    }
}
