/**
 * The demo newsroom: invented sections, reporters, tags and articles kept as resource files, loaded once into an
 * empty database with publish times relative to the moment of loading. {@code DemoDataLoader} turns the catalog into
 * rows, {@code DemoRepository} writes them. Nothing else depends on it.
 */
@ApplicationModule(allowedDependencies = {"db", "security", "site", "support"})
package news.demo;

import org.springframework.modulith.ApplicationModule;
