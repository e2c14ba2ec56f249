package news.graphql;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;

/**
 * Whether a field's selection asks for a path of sub-fields, read from the query's syntax tree (fragments followed).
 * graphql-java's {@code getSelectionSet()} answers the same with types and arguments resolved, by normalizing the
 * whole operation first: far more work than a data fetcher that only wants to know whether to read a part in the
 * same statement. A sub-field under {@code @skip} or {@code @include} counts as asked: at worst a part is read and not
 * shown.
 */
public final class Selections {

    private Selections() {}

    /** Whether the field being fetched selects {@code path}, e.g. {@code "edges", "node", "reporters"}. */
    public static boolean contains(DataFetchingEnvironment env, String... path) {
        Map<String, FragmentDefinition> fragments = env.getFragmentsByName();
        for (Field field : env.getMergedField().getFields()) {
            if (contains(field.getSelectionSet(), path, 0, fragments, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(
            SelectionSet selections, String[] path, int at, Map<String, FragmentDefinition> fragments, int spreads) {
        if (selections == null || spreads > fragments.size()) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            boolean found = false;
            if (selection instanceof Field field) {
                found = field.getName().equals(path[at])
                        && (at == path.length - 1
                                || contains(field.getSelectionSet(), path, at + 1, fragments, spreads));
            } else if (selection instanceof InlineFragment inline) {
                found = contains(inline.getSelectionSet(), path, at, fragments, spreads);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                found = fragment != null && contains(fragment.getSelectionSet(), path, at, fragments, spreads + 1);
            }
            if (found) {
                return true;
            }
        }
        return false;
    }
}
