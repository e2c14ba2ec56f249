package news.newsroom;

import news.newsroom.StaffInputs.CreateReporterInput;
import news.newsroom.StaffInputs.CreateSectionInput;
import news.newsroom.StaffInputs.MoveSectionInput;
import news.newsroom.StaffInputs.RenameSectionInput;
import news.newsroom.StaffInputs.UpdateReporterInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Reporter and section mutations; administrators only. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class StaffMutationController {

    private final StaffDesk desk;

    StaffMutationController(StaffDesk desk) {
        this.desk = desk;
    }

    @MutationMapping
    ReporterResult createReporter(@Argument CreateReporterInput input) {
        return desk.createReporter(input);
    }

    @MutationMapping
    ReporterResult updateReporter(@Argument UpdateReporterInput input) {
        return desk.updateReporter(input);
    }

    @MutationMapping
    SectionResult createSection(@Argument CreateSectionInput input) {
        return desk.createSection(input);
    }

    @MutationMapping
    SectionResult renameSection(@Argument RenameSectionInput input) {
        return desk.renameSection(input);
    }

    @MutationMapping
    SectionResult moveSection(@Argument MoveSectionInput input) {
        return desk.moveSection(input);
    }
}
