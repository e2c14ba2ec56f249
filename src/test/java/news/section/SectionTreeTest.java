package news.section;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory section tree: breadcrumbs, canonical urls and subtrees; plain unit tests, no Spring context. */
class SectionTreeTest {

    private static final Section BERITA = new Section(1, "berita", "Berita", null, null, 0);
    private static final Section OLAHRAGA = new Section(2, "olahraga", "Olahraga", null, null, 1);
    private static final Section DUNIA = new Section(3, "dunia", "Dunia", null, 1L, 0);
    private static final Section POLITIK = new Section(4, "politik", "Politik", null, 1L, 1);
    private static final Section ASIA = new Section(5, "asia", "Asia", null, 3L, 0);
    private static final Section ASEAN = new Section(6, "asean", "ASEAN", null, 5L, 0);
    private static final Section SEPAK_BOLA = new Section(7, "sepak-bola", "Sepak Bola", null, 2L, 0);

    private final SectionTree tree = SectionTree.of(List.of(BERITA, OLAHRAGA, DUNIA, POLITIK, ASIA, ASEAN, SEPAK_BOLA));

    @Test
    void rootsAreTheTopLevelSectionsInTheGivenOrder() {
        assertThat(tree.roots()).containsExactly(BERITA, OLAHRAGA);
    }

    @Test
    void childrenAndParentsFollowParentIds() {
        assertThat(tree.children(BERITA)).containsExactly(DUNIA, POLITIK);
        assertThat(tree.children(ASEAN)).isEmpty();
        assertThat(tree.parent(ASIA)).contains(DUNIA);
        assertThat(tree.parent(BERITA)).isEmpty();
    }

    @Test
    void pathIsTheBreadcrumbFromTheTopDown() {
        assertThat(tree.path(ASEAN)).containsExactly(BERITA, DUNIA, ASIA, ASEAN);
        assertThat(tree.path(OLAHRAGA)).containsExactly(OLAHRAGA);
    }

    @Test
    void urlJoinsTheSlugsOfThePath() {
        assertThat(tree.url(DUNIA)).isEqualTo("/berita/dunia");
        assertThat(tree.url(ASEAN)).isEqualTo("/berita/dunia/asia/asean");
        assertThat(tree.url(SEPAK_BOLA)).isEqualTo("/olahraga/sepak-bola");
    }

    @Test
    void subtreeHoldsTheSectionAndAllItsDescendants() {
        assertThat(tree.subtreeIds(BERITA)).containsExactlyInAnyOrder(1L, 3L, 4L, 5L, 6L);
        assertThat(tree.subtreeIds(BERITA).get(0)).isEqualTo(1L);
        assertThat(tree.subtreeIds(ASEAN)).containsExactly(6L);
    }

    @Test
    void lookupsBySlugAndIdAnswerEmptyForUnknownOnes() {
        assertThat(tree.bySlug("sepak-bola")).contains(SEPAK_BOLA);
        assertThat(tree.byId(4)).contains(POLITIK);
        assertThat(tree.bySlug("ekonomi")).isEmpty();
        assertThat(tree.bySlug("")).isEmpty();
        assertThat(tree.byId(99)).isEmpty();
    }

    @Test
    void treeIsASnapshotThatCallersCannotChange() {
        List<Section> roots = tree.roots();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> roots.add(ASIA))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSectionWhoseParentIsMissingIsItsOwnPath() {
        Section orphan = new Section(8, "yatim", "Yatim", null, 77L, 0);
        SectionTree withOrphan = SectionTree.of(List.of(BERITA, orphan));

        assertThat(withOrphan.path(orphan)).containsExactly(orphan);
        assertThat(withOrphan.parent(orphan)).isEmpty();
        assertThat(withOrphan.roots()).containsExactly(BERITA);
    }

    @Test
    void aCycleSeenDuringAConcurrentMoveEndsInsteadOfLoopingForever() {
        Section a = new Section(10, "a", "A", null, 11L, 0);
        Section b = new Section(11, "b", "B", null, 10L, 0);
        SectionTree cyclic = SectionTree.of(List.of(a, b));

        assertThat(cyclic.path(a)).hasSizeLessThanOrEqualTo(3).endsWith(a);
        assertThat(cyclic.subtreeIds(a)).hasSizeLessThanOrEqualTo(3).startsWith(10L);
        assertThat(cyclic.roots()).isEmpty();
    }
}
