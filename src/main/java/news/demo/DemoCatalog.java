package news.demo;
import java.time.Duration; import java.util.List;
final class DemoCatalog {
    record Section(String slug, String name, String parentSlug, int position) {}
    record Reporter(String slug, String name, String bio) {}
    enum BlockType { PARAGRAPH, QUOTE, HEADING }
    record Block(BlockType type, String text, String speaker) {}
    record Image(String url, String caption, String credit, String alt, int width, int height) {}
    record Article(String slug, String headline, String summary, String sectionSlug, List<String> reporterSlugs,
                   List<String> tags, Duration age, List<Block> body, Image image, boolean hit) {}
    static DemoCatalog generate() { return new DemoCatalog(); }
    List<Section> sections() { return List.of(new Section("berita","Berita",null,0), new Section("dunia","Dunia","berita",0), new Section("politik","Politik","berita",1), new Section("hukum","Hukum","berita",2)); }
    List<Reporter> reporters() { return List.of(new Reporter("ani","Ani","bio")); }
    List<Article> articles() { var l = new java.util.ArrayList<Article>(); for (int i=0;i<130;i++) l.add(new Article("a-"+i,"Judul "+i,"s",List.of("dunia","politik","hukum").get(i%3),List.of("ani"),List.of("Tag "+(i%5)),Duration.ofHours(i*5+1),List.of(new Block(BlockType.PARAGRAPH,"p",null)),new Image("/m/"+i+".jpg","c","Net","alt",1280,720),false)); return l; }
}
