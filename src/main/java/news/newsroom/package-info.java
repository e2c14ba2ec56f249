/**
 * Editors' writes: the mutations that create, edit, publish, schedule, unpublish and archive articles, add
 * corrections, and manage sections and reporters, each in one transaction with field-level validation and an audit
 * row. It offers nothing to other packages; it uses the reading packages to answer with what it wrote. The desks
 * validate and decide; they hand typed change records to {@code NewsroomRepository}, the only class here that
 * speaks SQL.
 */
@ApplicationModule(
        allowedDependencies = {"article", "content", "db", "graphql", "reporter", "section", "security", "support"})
package news.newsroom;

import org.springframework.modulith.ApplicationModule;
