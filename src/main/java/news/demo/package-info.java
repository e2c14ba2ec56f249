/**
 * The demo newsroom: invented sections, reporters, tags and articles kept as resource files, loaded once into an
 * empty database with publish times relative to the moment of loading. Nothing else depends on it.
 */
package news.demo;
