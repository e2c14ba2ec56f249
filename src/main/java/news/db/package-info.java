/**
 * The jOOQ classes generated from the migrations at build time (in {@code target/generated-sources/jooq}); this file
 * only declares them as a module. It is open: its tables and records live in subpackages ({@code tables},
 * {@code tables.records}) that the modules owning tables use directly, and it is generated, so it depends on nothing
 * of ours. Which modules may use it is declared by them ({@code "db"} in their allowed dependencies); within them,
 * only repositories do (see {@code ModularityTests}).
 */
@ApplicationModule(
        type = ApplicationModule.Type.OPEN,
        allowedDependencies = {})
package news.db;

import org.springframework.modulith.ApplicationModule;
