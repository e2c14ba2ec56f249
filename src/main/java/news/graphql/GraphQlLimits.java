package news.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits that keep one request from costing the database more than a screen needs.
 *
 * @param maxDepth deepest field nesting a query may have
 * @param maxComplexity largest query cost; every field costs 1 and a list field with {@code first} costs its
 *        selection that many times, so {@code latest(first: 100)} with 20 fields per article costs about 2,100;
 *        {@code totalCount} costs {@code totalCountCost}
 * @param maxStringLength longest text any argument or input field may have, in UTF-16 units; fields with their own
 *        smaller limits (headline, body blocks) still answer those
 * @param totalCountCost what {@code totalCount} of any connection (articles, latest, a section's, reporter's or
 *        tag's articles, search, drafts) adds to the complexity, once per connection whatever its page size: each
 *        one is a count over the whole list, so aliased counts cannot multiply it for the price of a field
 */
@ConfigurationProperties("news.graphql")
public record GraphQlLimits(
        @DefaultValue("15") int maxDepth,
        @DefaultValue("5000") int maxComplexity,
        @DefaultValue("100000") int maxStringLength,
        @DefaultValue("100") int totalCountCost) {}
