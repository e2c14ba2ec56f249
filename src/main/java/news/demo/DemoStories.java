package news.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Story templates and slot vocabularies for the demo newsroom (see {@link DemoCatalog}). All content is invented
 * Indonesian text; person names, parties, clubs, companies and regencies are fictional. Only country, city and
 * province names (and well-known institutions) are real.
 *
 * <p>Patterns contain slots such as {@code {negara}} or {@code {tim2}}. A slot name is a base plus an optional numeric
 * suffix: slots with the same base but different suffixes get different values within one article. {@code {^x}}
 * inserts the value in headline title case.
 */
final class DemoStories {

    private DemoStories() {
    }

    /** One story template; every pattern may contain slots. */
    record Template(String section, List<String> tags, List<String> headlines, String summary,
            List<String> paragraphs, String quote, String speaker, String caption, String alt) {
    }

    /** The fixed tag vocabulary; every template tag comes from here. */
    static final List<String> TAGS = List.of("Timur Tengah", "ASEAN", "Pemilu", "DPR", "Korupsi", "KPK",
            "Mahkamah Agung", "Inflasi", "Rupiah", "Timnas", "Liga 1", "Piala Dunia", "Bulu Tangkis",
            "Kecerdasan Buatan", "Startup", "Banjir", "Gempa", "Perdamaian", "PBB", "Diplomasi", "Infrastruktur",
            "Pariwisata", "Perdagangan");

    static final List<String> CREDITS = List.of("Dok. Redaksi", "Istimewa", "Net");

    // ---------------------------------------------------------------------------------------------------------------
    // Slot vocabularies
    // ---------------------------------------------------------------------------------------------------------------

    /** A naming style: given names that go together with these second names. */
    private record NameStyle(int weight, List<String> first, List<String> last) {
    }

    /** Invented people are built from these styles; every person appears in one role only. */
    private static final List<NameStyle> NAME_STYLES = List.of(
            new NameStyle(7, List.of("Rahmat", "Agus", "Hendra", "Yusuf", "Arif", "Fajar", "Bayu", "Gilang", "Dimas",
                    "Teguh", "Irfan", "Andika", "Reza", "Yudi", "Hafiz", "Oki", "Wahyu", "Krisna"),
                    List.of("Hidayat", "Kusumawardana", "Nugroho", "Ramadhan", "Prasetyo", "Saputra", "Haryanto",
                            "Wicaksono", "Maulidi", "Pranata", "Alamsyah", "Firmansyah", "Wirawan", "Ramli",
                            "Permadi")),
            new NameStyle(7, List.of("Dewi", "Siti", "Wulan", "Rina", "Nurul", "Indah", "Ratna", "Maya", "Lina", "Ayu",
                    "Sekar", "Citra", "Anisa", "Desi", "Melati", "Nadia"),
                    List.of("Anggraini", "Rahmawati", "Permatasari", "Pertiwi", "Fadilah", "Kartikasari", "Wulandari",
                            "Puspitasari", "Marlina", "Larasati", "Ayuningtyas", "Handayani", "Wahyuningsih",
                            "Rahmadani", "Kusumaningrum")),
            new NameStyle(4, List.of("Yohanes", "Stefanus", "Lukas", "Benny", "Daniel", "Markus", "Fransiska", "Maria",
                    "Theresia", "Yohana", "Debora"),
                    List.of("Tarigan", "Manurung", "Sitompul", "Simanjuntak", "Siregar", "Hutagalung", "Latupeirissa",
                            "Manuhutu", "Pattiasina")),
            new NameStyle(2, List.of("Made", "Nyoman", "Putu", "Ketut", "Wayan", "Komang"),
                    List.of("Suartana", "Adiputra", "Sudarsana", "Astawa", "Mahardika", "Widiana")));

    /** Combinations that happen to be the names of well-known people. */
    private static final Set<String> BLOCKED_NAMES = Set.of("Indah Permatasari", "Gilang Ramadhan");

    /** Slot bases filled with a newly invented person who appears nowhere else in the catalog. */
    private static final Set<String> PERSON_BASES = Set.of("tokoh", "pengamat", "terdakwa", "hakim");

    /** A vocabulary: rows of values for one or more slot bases that must stay consistent with each other. */
    private record Group(List<String> keys, List<String[]> rows) {
    }

    private static final Map<String, Group> GROUPS = new HashMap<>();

    private static void group(String keys, String... rows) {
        List<String> names = List.of(keys.split(","));
        List<String[]> parsed = new ArrayList<>();
        for (String row : rows) {
            String[] values = row.split("\\|", -1);
            if (values.length != names.size()) {
                throw new IllegalStateException("Bad row for " + keys + ": " + row);
            }
            parsed.add(values);
        }
        Group g = new Group(names, List.copyOf(parsed));
        for (String name : names) {
            GROUPS.put(name, g);
        }
    }

    static {
        group("kota,provinsi", "Bandung|Jawa Barat", "Semarang|Jawa Tengah", "Surabaya|Jawa Timur",
                "Medan|Sumatera Utara", "Padang|Sumatera Barat", "Palembang|Sumatera Selatan",
                "Pontianak|Kalimantan Barat", "Samarinda|Kalimantan Timur", "Banjarmasin|Kalimantan Selatan",
                "Makassar|Sulawesi Selatan", "Manado|Sulawesi Utara", "Palu|Sulawesi Tengah",
                "Kupang|Nusa Tenggara Timur", "Mataram|Nusa Tenggara Barat", "Ambon|Maluku", "Jayapura|Papua",
                "Denpasar|Bali", "Banda Aceh|Aceh", "Jambi|Jambi", "Bengkulu|Bengkulu");
        group("negara,ibukota", "Jepang|Tokyo", "Korea Selatan|Seoul", "Australia|Canberra", "India|New Delhi",
                "Jerman|Berlin", "Prancis|Paris", "Belanda|Den Haag", "Brasil|Brasilia", "Kenya|Nairobi",
                "Uni Emirat Arab|Abu Dhabi", "Turki|Ankara", "Mesir|Kairo", "Afrika Selatan|Pretoria",
                "Selandia Baru|Wellington", "Norwegia|Oslo", "Kanada|Ottawa", "Italia|Roma");
        group("negara_asean,kota_asean", "Malaysia|Kuala Lumpur", "Singapura|Singapura", "Filipina|Manila",
                "Thailand|Bangkok", "Vietnam|Hanoi", "Kamboja|Phnom Penh", "Laos|Vientiane",
                "Brunei Darussalam|Bandar Seri Begawan");
        group("kota_mediasi,negara_mediasi", "Doha|Qatar", "Kairo|Mesir", "Amman|Yordania", "Istanbul|Turki",
                "Muskat|Oman", "Jenewa|Swiss");
        group("isu_asean", "keamanan Laut China Selatan", "perdagangan digital", "krisis kemanusiaan di Myanmar",
                "ketahanan pangan kawasan", "perlindungan pekerja migran", "transisi energi",
                "pemberantasan perdagangan orang");
        group("bidang", "energi terbarukan", "ketahanan pangan", "keamanan maritim", "pendidikan vokasi",
                "layanan kesehatan", "ekonomi digital", "mitigasi bencana");
        group("kawasan", "Sahel", "Tanduk Afrika", "Sudan", "Yaman", "Haiti", "Afganistan", "Kongo Timur");
        group("kampus", "Universitas Cendekia Nusantara", "Institut Teknologi Khatulistiwa",
                "Universitas Bahari Raya", "Universitas Pelita Nusa", "Universitas Lembah Harapan");
        group("lembaga", "Lembaga Kajian Ekonomi Arunika", "Pusat Riset Kebijakan Cakrawala",
                "Institut Ekonomi Rakyat Nusantara", "Lembaga Studi Pembangunan Sentosa");
        group("sekuritas", "Mandala Sekuritas", "Cakra Investama", "Samudra Artha Sekuritas",
                "Bintang Timur Capital");
        group("partai", "Partai Lentera Bangsa", "Partai Suara Rakyat Baru", "Partai Bintang Nusantara",
                "Partai Persatuan Desa", "Partai Cahaya Madani", "Partai Gerak Maju Indonesia");
        group("ruu,komisi", "Perlindungan Pekerja Platform Digital|IX", "Pengelolaan Sampah Laut|XII",
                "Transportasi Daring|V", "Desa Digital|II", "Penyiaran Publik|I", "Energi Baru dan Terbarukan|XII",
                "Perlindungan Nelayan Kecil|IV", "Pendidikan Vokasi|X", "Ekonomi Kreatif|VII");
        group("target", "sebelum akhir tahun", "pada masa sidang berikutnya", "dalam enam bulan",
                "sebelum masa reses mendatang");
        group("kementerian,bidang_menteri,program",
                "Kementerian Perhubungan|Perhubungan|subsidi angkutan perintis",
                "Kementerian Pertanian|Pertanian|pupuk bersubsidi",
                "Kementerian Kesehatan|Kesehatan|revitalisasi puskesmas",
                "Kementerian Pendidikan Dasar dan Menengah|Pendidikan Dasar dan Menengah|revitalisasi sekolah",
                "Kementerian Kelautan dan Perikanan|Kelautan dan Perikanan|bantuan kapal nelayan",
                "Kementerian Sosial|Sosial|bantuan pangan nontunai",
                "Kementerian Pekerjaan Umum|Pekerjaan Umum|rehabilitasi irigasi desa",
                "Kementerian Desa|Desa|pendampingan BUMDes");
        // Invented regencies, so that no real local official is implied in crime stories.
        group("daerah", "Kabupaten Tanjung Permai", "Kabupaten Lembah Hijau", "Kota Pesisir Raya",
                "Kabupaten Sukamaju Barat", "Kabupaten Bukit Kencana", "Kota Teluk Damai",
                "Kabupaten Sungai Jernih", "Kabupaten Padang Ilalang");
        // Office of a suspect and the kind of project that office runs.
        group("jabatan_tersangka,proyek", "Kepala Dinas Pekerjaan Umum|peningkatan jalan kabupaten",
                "Kepala Bidang Sumber Daya Air|pembangunan saluran irigasi",
                "Kepala Dinas Perdagangan|pembangunan pasar induk",
                "Kepala Dinas Kesehatan|pengadaan alat kesehatan",
                "Kepala Dinas Pendidikan|rehabilitasi gedung sekolah",
                "Kepala Dinas Pemuda dan Olahraga|pembangunan gedung olahraga",
                "Direktur Utama Perusahaan Daerah Air Minum|pemasangan jaringan pipa air bersih",
                "Sekretaris Daerah|pembangunan kompleks perkantoran pemerintah daerah");
        group("dana", "dana desa", "dana bantuan sosial", "dana hibah olahraga", "dana bantuan operasional sekolah",
                "dana kapitasi puskesmas", "dana penanganan bencana");
        group("festival", "Festival Layang-Layang Pesisir", "Festival Kopi Nusantara", "Festival Perahu Hias",
                "Festival Kuliner Malam", "Festival Tenun Ikat", "Pekan Budaya Sungai", "Festival Musik Bambu",
                "Karnaval Batik Rakyat");
        group("komoditas", "cabai rawit", "beras", "bawang merah", "telur ayam", "minyak goreng", "gula pasir",
                "daging ayam ras");
        group("komoditas_ekspor", "kopi", "minyak sawit", "udang beku", "furnitur kayu", "kakao olahan",
                "rumput laut", "alas kaki", "kelapa parut kering");
        group("komoditas_tani", "padi", "jagung", "cabai", "kopi", "kakao", "bawang merah");
        group("sektor_kredit", "pertanian", "perikanan", "perumahan", "usaha mikro", "industri pengolahan",
                "pariwisata");
        group("arah", "menguat", "melemah");
        group("sektor", "kesehatan", "perbankan", "pendidikan", "layanan publik", "media", "pertanian",
                "transportasi", "ketenagakerjaan");
        group("startup,layanan", "Lumbung Data|platform analitik untuk usaha kecil",
                "Lintas Kargo Nusa|layanan logistik antarpulau", "Sawah Cerdas|aplikasi pendamping petani",
                "Awan Nusa|layanan komputasi awan", "Dompet Hijau|dompet digital untuk koperasi",
                "Jala Kode|platform belajar pemrograman", "Sehat Serumah|layanan telemedis",
                "Ruang Kos Kita|platform sewa hunian", "Pasar Tetangga|aplikasi belanja pasar tradisional",
                "Nelayan Daring|platform penjualan hasil laut");
        // Invented clubs with their (real) home cities.
        group("tim,markas", "Elang Khatulistiwa|Pontianak", "Banteng Selatan|Malang", "Rajawali Samudra|Makassar",
                "Macan Lembah|Bandung", "Garuda Timur|Jayapura", "Badai Pasundan|Bogor", "Laskar Bahari|Surabaya",
                "Bintang Delta|Sidoarjo", "Pelangi Borneo|Samarinda", "Singa Celebes|Manado",
                "Kijang Andalas|Padang", "Camar Riau|Pekanbaru");
        // Club coaches; filled through {pelatih_tim} (current coach of {tim}) or {pelatih_baru} (newly hired).
        group("pelatih", "Marco Bellandi", "Jorge Alcantara", "Hendrik Vossberg", "Kenji Morimoto",
                "Darmawan Sitepu", "Rully Tanamal", "Stefan Lindqvist", "Aris Manuputty", "Pieter van Dalen",
                "Nikola Radovic", "Carlos Medeiros", "Takumi Hayashi", "Heru Kuncoro", "Anton Siahaan",
                "Wahyu Hidayatullah", "Ramon Echeverri");
        group("pemain", "Rizky Mahendra", "Yoga Pamungkas", "Dedi Kurniadi", "Aldo Saragih", "Fikri Ananda",
                "Ilyas Baharuddin", "Tegar Wijanarko", "Yosua Wanimbo", "Marcos Ribeiro", "Hafidz Ramadhan",
                "Nando Sinaga", "Reyhan Pratama");
        group("negara_bola", "Vietnam", "Filipina", "Irak", "Arab Saudi", "Bahrain", "Australia", "China",
                "Yordania", "Oman", "Kirgistan", "Turkmenistan");
        group("pebulutangkis,nomor", "Arya Wicaksana|tunggal putra", "Raka Pradipta|tunggal putra",
                "Kenzie Aditama|tunggal putra", "Dafa Kurniawan|tunggal putra", "Kirana Maheswari|tunggal putri",
                "Alya Safitri|tunggal putri", "Nayla Andini|tunggal putri", "Zahra Anjani|tunggal putri");
        group("ganda,nomor_ganda,pemain_ganda", "Reza Alfarizi/Dimas Aryasatya|ganda putra|Reza Alfarizi",
                "Gani Nugraha/Fadil Ikhsan|ganda putra|Fadil Ikhsan",
                "Salsabila Rahman/Tiara Kinanti|ganda putri|Tiara Kinanti",
                "Amelia Putri/Shinta Larasati|ganda putri|Amelia Putri",
                "Farhan Akbar/Nabila Septiani|ganda campuran|Farhan Akbar",
                "Yudha Permana/Clarissa Wenas|ganda campuran|Clarissa Wenas");
        group("turnamen,kota_turnamen", "Indonesia Open|Jakarta", "Malaysia Open|Kuala Lumpur",
                "All England|Birmingham", "Japan Open|Tokyo", "Denmark Open|Odense", "French Open|Paris",
                "India Open|New Delhi", "Singapore Open|Singapura", "Korea Open|Seoul");
        group("negara_bt", "Jepang", "China", "Denmark", "India", "Malaysia", "Korea Selatan", "Thailand",
                "Taiwan");
        group("piala", "Thomas", "Uber", "Sudirman");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Slot filling
    // ---------------------------------------------------------------------------------------------------------------

    private static final Pattern SLOT = Pattern.compile("\\{(\\^?)([a-z_]+?)(\\d*)\\}");

    /** Words that stay lower case inside a title-cased headline (unless first). */
    private static final Set<String> SMALL_WORDS = Set.of("dan", "di", "ke", "dari", "untuk", "yang", "atau",
            "dengan", "pada", "oleh", "atas", "bagi", "serta", "soal");

    /**
     * What the catalog has established so far: invented people already in use, who holds which recurring role, which
     * coach leads which club, and which vocabulary rows each template has already used. Articles are generated oldest
     * first, so later stories stay consistent with earlier ones.
     */
    static final class Newsroom {

        private final Set<String> people = new HashSet<>();

        private final Map<String, String> roleHolders = new HashMap<>();

        private final Map<String, String> coaches = new HashMap<>();

        private final Map<String, Set<String>> rowsByTemplate = new HashMap<>();

        Newsroom(List<String> reservedNames) {
            people.addAll(reservedNames);
        }
    }

    /**
     * The slot values of one article. Values are drawn lazily from the shared random source the first time a slot is
     * used, and then stay the same for the headline, summary, body and image of that article. Nothing is recorded in
     * the {@link Newsroom} until {@link #commit()}, so a draft can be thrown away.
     */
    static final class Slots {

        private static final String SPEAKER_PREFIX = "{tokoh}, ";

        private final Random rnd;

        private final Newsroom newsroom;

        private final String template;

        private final Map<String, String> values = new HashMap<>();

        private final Set<String> rows = new HashSet<>();

        private final Set<String> newPeople = new HashSet<>();

        private final Map<String, String> newRoles = new HashMap<>();

        private final Map<String, String> newCoaches = new HashMap<>();

        Slots(Random rnd, Newsroom newsroom, String template) {
            this.rnd = rnd;
            this.newsroom = newsroom;
            this.template = template;
        }

        /** Replaces every slot of the pattern. */
        String fill(String pattern) {
            Matcher m = SLOT.matcher(pattern);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = get(m.group(2), m.group(3));
                if (!m.group(1).isEmpty()) {
                    value = titleCase(value);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /**
         * Fills a quote speaker. For "{tokoh}, role" the role is filled first and always held by the same invented
         * person across the catalog, so a spokesperson quoted twice keeps their name.
         */
        String speaker(String pattern) {
            if (!pattern.startsWith(SPEAKER_PREFIX) || values.containsKey("tokoh")) {
                return fill(pattern);
            }
            String role = fill(pattern.substring(SPEAKER_PREFIX.length()));
            String person = newsroom.roleHolders.get(role);
            if (person == null) {
                person = newRoles.computeIfAbsent(role, r -> freshPerson());
            }
            values.put("tokoh", person);
            return person + ", " + role;
        }

        /** Records this article's people, roles, coaches and used rows in the newsroom. */
        void commit() {
            newsroom.people.addAll(newPeople);
            newsroom.roleHolders.putAll(newRoles);
            newsroom.coaches.putAll(newCoaches);
            newsroom.rowsByTemplate.computeIfAbsent(template, t -> new HashSet<>()).addAll(rows);
        }

        private String get(String base, String suffix) {
            String key = base + suffix;
            String value = values.get(key);
            if (value == null) {
                generate(base, suffix);
                value = values.get(key);
                if (value == null) {
                    throw new IllegalArgumentException("Unknown slot {" + key + "}");
                }
            }
            return value;
        }

        private String freshPerson() {
            int total = NAME_STYLES.stream().mapToInt(NameStyle::weight).sum();
            while (true) {
                int pick = rnd.nextInt(total);
                NameStyle style = NAME_STYLES.get(0);
                for (NameStyle candidate : NAME_STYLES) {
                    style = candidate;
                    pick -= candidate.weight();
                    if (pick < 0) {
                        break;
                    }
                }
                String person = style.first().get(rnd.nextInt(style.first().size())) + " "
                        + style.last().get(rnd.nextInt(style.last().size()));
                if (!BLOCKED_NAMES.contains(person) && !newsroom.people.contains(person) && newPeople.add(person)) {
                    return person;
                }
            }
        }

        /** A coach from the pool who currently leads no club. */
        private String freeCoach() {
            List<String[]> pool = GROUPS.get("pelatih").rows();
            String coach = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                coach = pool.get(rnd.nextInt(pool.size()))[0];
                if (!newsroom.coaches.containsValue(coach) && !newCoaches.containsValue(coach)) {
                    break;
                }
            }
            return coach;
        }

        private void generate(String base, String suffix) {
            if (PERSON_BASES.contains(base)) {
                values.put(base + suffix, freshPerson());
                return;
            }
            if (base.equals("pelatih_tim") || base.equals("pelatih_baru")) {
                String club = get("tim", suffix);
                String coach = base.equals("pelatih_tim") ? newsroom.coaches.get(club) : null;
                if (coach == null) {
                    coach = freeCoach();
                    newCoaches.put(club, coach);
                }
                values.put(base + suffix, coach);
                return;
            }
            Group group = GROUPS.get(base);
            if (group != null) {
                pickRow(group, suffix);
                return;
            }
            if (base.equals("skor_set") || base.equals("jumlah_gim")) {
                gameScores(suffix);
                return;
            }
            String value = number(base, suffix);
            if (value != null) {
                values.put(base + suffix, value);
            }
        }

        /**
         * Picks a row not yet used in this article, preferring rows this template has not used in earlier articles,
         * and sets every slot of the group from it.
         */
        private void pickRow(Group group, String suffix) {
            String name = group.keys().get(0);
            Set<String> seen = newsroom.rowsByTemplate.getOrDefault(template, Set.of());
            int row;
            int attempt = 0;
            do {
                row = rnd.nextInt(group.rows().size());
                attempt++;
            } while (rows.contains(name + ":" + row) || (attempt < 30 && seen.contains(name + ":" + row)));
            rows.add(name + ":" + row);
            for (int i = 0; i < group.keys().size(); i++) {
                values.put(group.keys().get(i) + suffix, group.rows().get(row)[i]);
            }
        }

        private String number(String base, String suffix) {
            return switch (base) {
                case "n" -> Integer.toString(between(2, 9));
                case "puluhan" -> Integer.toString(between(12, 98));
                case "ratusan" -> Integer.toString(between(110, 980));
                case "ribu" -> thousands(between(120, 980) * 10);
                case "juta" -> tenths(between(11, 99));
                case "persen" -> tenths(between(11, 98));
                case "inflasi" -> hundredths(between(180, 495));
                case "kurs" -> thousands(between(15100, 16450));
                case "mag" -> tenths(between(46, 69));
                case "gerak" -> tenths(between(1, 9));
                case "bunga" -> List.of("5,75", "6,00", "6,25", "6,50").get(rnd.nextInt(4));
                case "kuartal" -> List.of("I", "II", "III", "IV").get(rnd.nextInt(4));
                case "kedalaman" -> Integer.toString(between(8, 120));
                case "jarak" -> Integer.toString(between(12, 95));
                case "tinggi" -> Integer.toString(between(4, 18) * 10);
                case "bulan" -> Integer.toString(between(6, 18));
                case "serapan" -> Integer.toString(between(35, 68));
                case "okupansi" -> Integer.toString(between(80, 97));
                case "naik" -> Integer.toString(between(8, 35));
                case "kursi" -> Integer.toString(between(21, 38));
                case "tahun" -> Integer.toString(between(4, 15));
                case "hari" -> Integer.toString(between(3, 21));
                case "pekan" -> Integer.toString(between(14, 32));
                case "menit" -> Integer.toString(between(58, 89));
                case "peringkat" -> Integer.toString(between(1, 8));
                case "poin" -> Integer.toString(between(12, 30));
                case "poin_grup" -> Integer.toString(between(4, 13));
                case "skuad" -> Integer.toString(between(14, 20));
                case "minggu" -> Integer.toString(between(3, 8));
                case "durasi" -> Integer.toString(between(48, 95));
                case "usia" -> Integer.toString(between(3, 9));
                case "skor_menang" -> Integer.toString(between(2, 4));
                case "skor_kalah" -> {
                    int won = Integer.parseInt(get("skor_menang", suffix));
                    yield Integer.toString(between(0, Math.min(won - 1, 2)));
                }
                default -> null;
            };
        }

        /** Badminton result in two or three games, always won by the first side. */
        private void gameScores(String suffix) {
            boolean three = rnd.nextInt(5) < 2;
            List<String> games = new ArrayList<>();
            games.add(wonGame());
            if (three) {
                games.add(rnd.nextBoolean() ? 1 : 0, lostGame());
            }
            games.add(wonGame());
            values.put("skor_set" + suffix, String.join(", ", games));
            values.put("jumlah_gim" + suffix, three ? "tiga" : "dua");
        }

        private String wonGame() {
            return rnd.nextInt(6) == 0 ? "22-20" : "21-" + between(9, 19);
        }

        private String lostGame() {
            return between(12, 19) + "-21";
        }

        private int between(int min, int max) {
            return min + rnd.nextInt(max - min + 1);
        }
    }

    static String titleCase(String text) {
        String[] words = text.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (i > 0) {
                out.append(' ');
            }
            if ((i == 0 || !SMALL_WORDS.contains(w)) && !w.isEmpty()) {
                out.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
            } else {
                out.append(w);
            }
        }
        return out.toString();
    }

    private static String tenths(int value) {
        return value / 10 + "," + value % 10;
    }

    private static String hundredths(int value) {
        return value / 100 + "," + String.format(Locale.ROOT, "%02d", value % 100);
    }

    /** Indonesian thousands separator: 15872 becomes "15.872". */
    private static String thousands(int value) {
        return String.format(Locale.ROOT, "%,d", value).replace(',', '.');
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Section-level filler paragraphs and sub-headings
    // ---------------------------------------------------------------------------------------------------------------

    /** Generic background paragraphs per section, used when an article needs more paragraphs than its template. */
    static final Map<String, List<String>> EXTRA_PARAGRAPHS = Map.of(
            "dunia", List.of(
                    "Kementerian Luar Negeri memastikan kondisi warga negara Indonesia di kawasan tersebut dalam "
                            + "keadaan aman. Perwakilan RI setempat terus berkoordinasi dengan otoritas lokal dan "
                            + "membuka layanan hotline bagi WNI yang membutuhkan bantuan.",
                    "Sejumlah analis menilai perkembangan ini akan memengaruhi peta diplomasi kawasan dalam beberapa "
                            + "bulan mendatang. Indonesia diharapkan dapat memainkan peran sebagai jembatan di antara "
                            + "pihak-pihak yang berkepentingan.",
                    "Isu ini juga dijadwalkan dibahas dalam sejumlah forum multilateral berikutnya. Pemerintah "
                            + "menyatakan akan terus mengedepankan penyelesaian damai dan penghormatan terhadap hukum "
                            + "internasional."),
            "politik", List.of(
                    "Peneliti politik menilai dinamika ini wajar dalam sistem demokrasi yang sehat. Namun, publik "
                            + "diharapkan terus mengawasi agar setiap keputusan politik tetap berpihak pada "
                            + "kepentingan masyarakat luas.",
                    "Sejumlah organisasi masyarakat sipil meminta proses ini dilakukan secara transparan. Mereka juga "
                            + "mendorong agar dokumen-dokumen terkait dapat diakses publik melalui situs resmi.",
                    "Isu ini diperkirakan masih akan bergulir dalam beberapa pekan ke depan. Para pemangku "
                            + "kepentingan dijadwalkan bertemu kembali untuk membahas tindak lanjutnya."),
            "hukum", List.of(
                    "Pakar hukum pidana menilai penegakan hukum yang konsisten menjadi kunci untuk memberikan efek "
                            + "jera. Ia juga menekankan pentingnya pemulihan kerugian, baik bagi negara maupun bagi "
                            + "para korban.",
                    "Lembaga pemantau peradilan menyatakan akan mengawal proses hukum kasus ini hingga tuntas. Mereka "
                            + "meminta aparat penegak hukum bekerja profesional dan bebas dari intervensi.",
                    "Masyarakat dapat melaporkan dugaan pelanggaran hukum melalui kanal pengaduan resmi yang "
                            + "disediakan aparat penegak hukum. Identitas pelapor dijamin kerahasiaannya sesuai "
                            + "ketentuan yang berlaku."),
            "nusantara", List.of(
                    "Pemerintah daerah menyatakan akan terus memantau perkembangan di lapangan dan berkoordinasi "
                            + "dengan instansi terkait. Warga diminta mengikuti informasi resmi dari pemerintah "
                            + "setempat.",
                    "Bagi warga setempat, peristiwa ini menjadi pengingat pentingnya kebersamaan. Gotong royong "
                            + "antartetangga terlihat di berbagai sudut kampung sejak hari pertama.",
                    "Tokoh masyarakat setempat berharap perhatian pemerintah tidak berhenti di sini. Menurut mereka, "
                            + "masih banyak desa lain di wilayah itu yang membutuhkan dukungan serupa."),
            "ekonomi", List.of(
                    "Ekonom mengingatkan bahwa kondisi global masih diliputi ketidakpastian, mulai dari harga "
                            + "komoditas hingga ketegangan geopolitik. Karena itu, konsumsi rumah tangga tetap menjadi "
                            + "penopang utama pertumbuhan ekonomi domestik.",
                    "Pelaku usaha berharap pemerintah menjaga konsistensi kebijakan agar iklim investasi tetap "
                            + "kondusif. Kepastian regulasi dinilai sama pentingnya dengan insentif fiskal.",
                    "Bagi rumah tangga, perkembangan ini berpengaruh langsung pada daya beli. Perencana keuangan "
                            + "menyarankan masyarakat menyisihkan dana darurat dan menghindari utang konsumtif."),
            "sepak-bola", List.of(
                    "Di luar lapangan, suporter menunjukkan dukungan yang tertib dengan koreografi di tribun. Panitia "
                            + "pelaksana mengapresiasi kerja sama kelompok suporter dalam menjaga keamanan "
                            + "pertandingan.",
                    "Tim pelatih akan melakukan evaluasi menyeluruh, termasuk kondisi kebugaran pemain yang mengalami "
                            + "cedera ringan. Jadwal pertandingan yang padat membuat rotasi pemain menjadi keharusan.",
                    "Pengamat sepak bola menilai konsistensi akan menjadi kunci dalam beberapa pekan mendatang. "
                            + "Kedalaman skuad diyakini menentukan siapa yang mampu bertahan di papan atas hingga "
                            + "akhir musim."),
            "bulu-tangkis", List.of(
                    "Tim pelatih mengingatkan agar para pemain tidak cepat puas dan terus menjaga kondisi fisik. "
                            + "Jadwal turnamen yang padat menuntut manajemen kebugaran yang cermat.",
                    "Pencinta bulu tangkis di Tanah Air menyambut hasil ini dengan antusias di media sosial. Banyak "
                            + "yang berharap tradisi prestasi Indonesia di cabang ini terus terjaga.",
                    "PBSI menyatakan regenerasi pemain menjadi prioritas dalam beberapa tahun ke depan. Sejumlah "
                            + "pemain muda mulai diberi kesempatan tampil di turnamen level atas untuk menambah jam "
                            + "terbang."),
            "teknologi", List.of(
                    "Pengamat teknologi menilai adopsi layanan digital di Indonesia tumbuh pesat, tetapi literasi "
                            + "digital masyarakat belum merata. Kesenjangan itu perlu diatasi agar manfaat teknologi "
                            + "dapat dirasakan secara luas.",
                    "Perlindungan data pribadi menjadi isu yang terus disorot seiring bertambahnya layanan digital. "
                            + "Undang-Undang Pelindungan Data Pribadi mewajibkan setiap pengendali data menjaga "
                            + "keamanan informasi penggunanya.",
                    "Ekosistem perusahaan rintisan di Indonesia dinilai mulai memasuki fase yang lebih matang. "
                            + "Investor kini lebih menekankan profitabilitas dan tata kelola dibandingkan pertumbuhan "
                            + "semata."));

    /** Sub-heading options per section. */
    static final Map<String, List<String>> HEADINGS = Map.of(
            "dunia", List.of("Sikap Indonesia", "Latar Belakang", "Langkah Berikutnya", "Tanggapan Internasional"),
            "politik", List.of("Sorotan Publik", "Dinamika di Parlemen", "Tahapan Berikutnya", "Catatan Pengamat"),
            "hukum", List.of("Kronologi Kasus", "Jerat Hukum", "Proses Selanjutnya", "Sorotan Pegiat"),
            "nusantara", List.of("Kondisi Terkini", "Suara Warga", "Upaya Pemerintah Daerah", "Harapan ke Depan"),
            "ekonomi", List.of("Dampak ke Masyarakat", "Proyeksi Ekonom", "Faktor Global", "Respons Pelaku Usaha"),
            "sepak-bola", List.of("Jalannya Pertandingan", "Evaluasi Pelatih", "Reaksi Suporter", "Laga Berikutnya"),
            "bulu-tangkis", List.of("Jalannya Laga", "Persiapan Berikutnya", "Peluang di Peringkat Dunia",
                    "Regenerasi Pemain"),
            "teknologi", List.of("Cara Kerja", "Tantangan Regulasi", "Respons Industri", "Tips bagi Pengguna"));

    // ---------------------------------------------------------------------------------------------------------------
    // Templates
    // ---------------------------------------------------------------------------------------------------------------

    /** All story templates, in a fixed order. */
    static List<Template> templates() {
        List<Template> all = new ArrayList<>();
        all.addAll(dunia());
        all.addAll(politik());
        all.addAll(hukum());
        all.addAll(nusantara());
        all.addAll(ekonomi());
        all.addAll(sepakBola());
        all.addAll(buluTangkis());
        all.addAll(teknologi());
        return List.copyOf(all);
    }

    private static Template t(String section, List<String> tags, List<String> headlines, String summary,
            List<String> paragraphs, String quote, String speaker, String caption, String alt) {
        return new Template(section, tags, headlines, summary, paragraphs, quote, speaker, caption, alt);
    }

    private static List<Template> dunia() {
        return List.of(
                t("dunia", List.of("Diplomasi", "Perdagangan"),
                        List.of("Indonesia dan {negara} Sepakati Kerja Sama {^bidang} di {ibukota}",
                                "Menlu Kunjungi {ibukota}, Indonesia Dorong Kemitraan {^bidang} dengan {negara}"),
                        "Kedua negara menandatangani nota kesepahaman yang mencakup pertukaran tenaga ahli dan "
                                + "proyek percontohan {bidang} selama {n} tahun ke depan.",
                        List.of("Pemerintah Indonesia dan {negara} resmi menandatangani nota kesepahaman di bidang "
                                        + "{bidang} dalam pertemuan bilateral di {ibukota}. Penandatanganan disaksikan "
                                        + "pejabat tinggi kedua negara dan sejumlah perwakilan dunia usaha.",
                                "Kesepakatan itu mencakup pertukaran tenaga ahli, pelatihan bersama, serta proyek "
                                        + "percontohan yang akan berjalan selama {n} tahun. Nilai awal kerja sama "
                                        + "diperkirakan mencapai US$ {ratusan} juta dan dapat bertambah seiring "
                                        + "masuknya investor swasta.",
                                "Menurut {pengamat}, pengamat hubungan internasional dari {kampus}, kerja sama ini "
                                        + "menandai diplomasi Indonesia yang semakin berorientasi pada hasil konkret. "
                                        + "Ia menilai manfaat nyata di lapangan akan menjadi ukuran keberhasilan "
                                        + "kesepakatan tersebut.",
                                "Kedua delegasi juga menyepakati pembentukan kelompok kerja bersama yang akan bertemu "
                                        + "dua kali setahun. Pertemuan pertama dijadwalkan berlangsung di Jakarta "
                                        + "dalam beberapa bulan mendatang."),
                        "Kami ingin kerja sama ini tidak berhenti di atas kertas. Masyarakat di kedua negara harus "
                                + "bisa merasakan manfaatnya secara langsung.",
                        "{tokoh}, juru bicara Kementerian Luar Negeri",
                        "Delegasi Indonesia dan {negara} berjabat tangan usai penandatanganan nota kesepahaman di "
                                + "{ibukota}.",
                        "Para diplomat berjabat tangan di depan bendera kedua negara di sebuah ruang pertemuan."),
                t("dunia", List.of("Timur Tengah", "Perdamaian", "PBB"),
                        List.of("Perundingan Gencatan Senjata Putaran ke-{n} di {kota_mediasi} Berakhir Tanpa "
                                        + "Kesepakatan",
                                "Mediator di {kota_mediasi} Ajukan Usulan Jeda Kemanusiaan {hari} Hari"),
                        "Para mediator di {kota_mediasi} masih berupaya menjembatani perbedaan soal jaminan keamanan "
                                + "dan akses bantuan kemanusiaan.",
                        List.of("Upaya diplomatik untuk meredakan konflik di kawasan Timur Tengah kembali berlanjut "
                                        + "di {kota_mediasi}, {negara_mediasi}. Delegasi pihak-pihak yang bertikai "
                                        + "bertemu secara tidak langsung melalui tim mediator selama beberapa hari.",
                                "Sumber yang mengetahui jalannya perundingan menyebutkan pembahasan masih tersendat "
                                        + "pada soal jaminan keamanan dan jadwal penarikan pasukan. Usulan jeda "
                                        + "kemanusiaan selama {hari} hari disebut menjadi titik temu yang paling "
                                        + "mungkin dicapai.",
                                "Badan-badan PBB memperingatkan bahwa persediaan makanan, obat-obatan, dan bahan bakar "
                                        + "di wilayah terdampak semakin menipis. Lebih dari {ratusan} truk bantuan "
                                        + "dilaporkan masih tertahan di perbatasan menunggu izin masuk.",
                                "Indonesia menyatakan dukungan terhadap setiap langkah yang mengarah pada penghentian "
                                        + "kekerasan. Pemerintah juga menyiapkan bantuan tambahan berupa obat-obatan "
                                        + "dan tenaga medis yang siap diberangkatkan begitu akses dibuka."),
                        "Setiap hari tanpa kesepakatan berarti lebih banyak warga sipil yang menderita. Kami mendesak "
                                + "semua pihak kembali ke meja perundingan dengan itikad baik.",
                        "{tokoh}, diplomat senior di Kedutaan Besar RI untuk {negara_mediasi}",
                        "Truk-truk bantuan kemanusiaan mengantre di pos perbatasan sambil menunggu izin melintas.",
                        "Deretan truk bermuatan bantuan di jalan gurun dekat pos perbatasan."),
                t("dunia", List.of("ASEAN", "Diplomasi"),
                        List.of("Menlu ASEAN Bertemu di {kota_asean}, Bahas {^isu_asean}",
                                "{negara_asean} Tuan Rumah Pertemuan Menlu ASEAN, Isu {^isu_asean} Jadi Sorotan"),
                        "Pertemuan tingkat menteri itu membahas {isu_asean} serta persiapan agenda konferensi "
                                + "tingkat tinggi berikutnya.",
                        List.of("Para menteri luar negeri negara anggota ASEAN berkumpul di {kota_asean} untuk "
                                        + "pertemuan tahunan yang berlangsung selama dua hari dengan {negara_asean} "
                                        + "sebagai tuan rumah. Isu {isu_asean} menjadi salah satu topik utama dalam "
                                        + "sesi tertutup.",
                                "Delegasi Indonesia mendorong agar ASEAN segera menyepakati langkah bersama yang "
                                        + "terukur, bukan sekadar pernyataan. Indonesia juga menawarkan diri menjadi "
                                        + "tuan rumah lokakarya teknis untuk menindaklanjuti hasil pertemuan.",
                                "Selain isu utama, para menteri membahas rencana penguatan Sekretariat ASEAN dan "
                                        + "percepatan perundingan perdagangan barang. Sejumlah negara mitra wicara "
                                        + "turut hadir dalam sesi terpisah pada hari kedua.",
                                "Pengamat menilai konsensus atas isu-isu sensitif tidak akan mudah dicapai. Namun, "
                                        + "pertemuan ini dianggap penting untuk menjaga relevansi ASEAN di tengah "
                                        + "persaingan kekuatan besar di kawasan."),
                        "ASEAN harus menunjukkan bahwa kawasan ini mampu menyelesaikan persoalannya sendiri. Itu hanya "
                                + "bisa terjadi jika kita berbicara dengan satu suara.",
                        "{tokoh}, pejabat Direktorat Jenderal Kerja Sama ASEAN Kementerian Luar Negeri",
                        "Para menteri luar negeri ASEAN berfoto bersama sebelum membuka pertemuan di {kota_asean}.",
                        "Deretan menteri saling bergandengan tangan di atas panggung pertemuan."),
                t("dunia", List.of("PBB", "Perdamaian"),
                        List.of("PBB Serukan Dana Darurat US$ {ratusan} Juta untuk Pengungsi di {kawasan}",
                                "{juta} Juta Orang Mengungsi, PBB Minta Dunia Tak Lupakan Krisis di {kawasan}"),
                        "Badan-badan PBB memperingatkan bahwa jutaan orang di {kawasan} terancam kekurangan pangan "
                                + "dan air bersih jika bantuan tidak segera datang.",
                        List.of("Perserikatan Bangsa-Bangsa meminta negara anggota segera menggalang dana darurat "
                                        + "senilai US$ {ratusan} juta untuk membantu pengungsi di {kawasan}. "
                                        + "Permintaan itu disampaikan dalam sidang khusus di markas PBB, New York.",
                                "Menurut data badan pengungsi PBB, sekitar {juta} juta orang terpaksa meninggalkan "
                                        + "rumah mereka dalam setahun terakhir. Sebagian besar adalah perempuan dan "
                                        + "anak-anak yang kini tinggal di kamp penampungan dengan fasilitas terbatas.",
                                "Sejumlah negara donor telah menyatakan komitmen, tetapi jumlahnya baru menutup kurang "
                                        + "dari separuh kebutuhan. Lembaga kemanusiaan khawatir musim kemarau yang "
                                        + "akan datang memperburuk situasi di kamp-kamp pengungsian.",
                                "Indonesia menyatakan siap berkontribusi melalui bantuan pangan dan pengiriman tenaga "
                                        + "kesehatan. Delegasi Indonesia di PBB juga mendorong agar akses kemanusiaan "
                                        + "dijamin oleh semua pihak."),
                        "Krisis ini tidak boleh menjadi krisis yang terlupakan. Dunia punya kemampuan untuk membantu, "
                                + "yang dibutuhkan sekarang adalah kemauan politik.",
                        "{tokoh}, diplomat senior di Perutusan Tetap Indonesia untuk PBB",
                        "Sejumlah pengungsi antre menerima paket bantuan pangan di sebuah kamp penampungan di "
                                + "{kawasan}.",
                        "Warga membawa karung bantuan pangan di tengah deretan tenda pengungsian."));
    }

    private static List<Template> politik() {
        return List.of(
                t("politik", List.of("DPR"),
                        List.of("Komisi {komisi} DPR Mulai Bahas RUU {ruu}",
                                "DPR dan Pemerintah Sepakat Percepat Pembahasan RUU {ruu}"),
                        "Pembahasan rancangan undang-undang itu ditargetkan rampung {target}, dengan sejumlah pasal "
                                + "yang masih menuai perdebatan.",
                        List.of("Komisi {komisi} DPR menggelar rapat kerja perdana dengan pemerintah untuk membahas "
                                        + "Rancangan Undang-Undang {ruu}. Rapat yang berlangsung hingga malam hari itu "
                                        + "menyepakati jadwal pembahasan serta pembentukan panitia kerja.",
                                "Pemerintah menyerahkan daftar inventarisasi masalah yang berisi {ratusan} poin "
                                        + "catatan. Sebagian besar catatan berkaitan dengan definisi, kewenangan "
                                        + "lembaga pengawas, dan sanksi administratif.",
                                "Sejumlah fraksi meminta agar pembahasan dilakukan secara terbuka dan melibatkan "
                                        + "masyarakat sipil. {pengamat} dari {kampus} menilai partisipasi publik yang "
                                        + "bermakna akan menentukan kualitas undang-undang yang dihasilkan.",
                                "Panitia kerja dijadwalkan menggelar rapat dengar pendapat umum dengan akademisi, "
                                        + "asosiasi profesi, dan kelompok masyarakat pekan depan. Pimpinan komisi "
                                        + "menargetkan pembahasan tingkat pertama rampung {target}."),
                        "Kami tidak ingin terburu-buru, tetapi juga tidak boleh berlarut-larut. Undang-undang ini "
                                + "sudah lama ditunggu oleh masyarakat.",
                        "{tokoh}, anggota Komisi {komisi} DPR dari {partai}",
                        "Suasana rapat kerja Komisi {komisi} DPR bersama perwakilan pemerintah di Kompleks "
                                + "Parlemen, Senayan, Jakarta.",
                        "Anggota dewan duduk berderet di ruang rapat dengan mikrofon di meja masing-masing."),
                t("politik", List.of("Pemilu"),
                        List.of("KPU {provinsi} Mulai Mutakhirkan Data Pemilih, {juta} Juta Warga Terdaftar",
                                "Ribuan Petugas Diturunkan untuk Mencocokkan Data Pemilih di {provinsi}"),
                        "Petugas akan mendatangi rumah warga satu per satu untuk memastikan tidak ada pemilih ganda "
                                + "maupun warga yang belum terdaftar.",
                        List.of("Komisi Pemilihan Umum (KPU) {provinsi} memulai tahapan pemutakhiran data pemilih "
                                        + "untuk pemilihan mendatang. Sebanyak {juta} juta warga tercatat dalam daftar "
                                        + "awal yang kini diverifikasi ulang.",
                                "Lebih dari {ribu} petugas pencocokan dan penelitian diterjunkan ke seluruh "
                                        + "kabupaten dan kota. Mereka akan mendatangi rumah warga untuk memastikan "
                                        + "data sesuai dengan dokumen kependudukan.",
                                "KPU mencatat masih ada sekitar {puluhan} ribu data yang terindikasi ganda atau milik "
                                        + "warga yang sudah meninggal. Data tersebut akan dibersihkan sebelum daftar "
                                        + "pemilih tetap ditetapkan.",
                                "Badan Pengawas Pemilu setempat meminta warga aktif memeriksa status mereka melalui "
                                        + "laman resmi KPU. Warga yang belum terdaftar masih dapat melapor ke kantor "
                                        + "desa atau kelurahan terdekat."),
                        "Satu suara pun sangat berharga. Kami ingin memastikan setiap warga yang berhak memilih "
                                + "benar-benar tercatat.",
                        "{tokoh}, anggota KPU {provinsi} bidang data dan informasi",
                        "Petugas pemutakhiran data pemilih mendatangi rumah warga di {kota}, {provinsi}.",
                        "Petugas berompi memeriksa dokumen bersama seorang warga di teras rumah."),
                t("politik", List.of("Pemilu"),
                        List.of("{partai} dan {partai2} Jajaki Koalisi Jelang Pilkada {provinsi}",
                                "{partai} Buka Peluang Usung Calon Bersama {partai2} di Pilkada {provinsi}"),
                        "Kedua partai menggelar pertemuan tertutup dan sepakat membentuk tim kecil untuk menyamakan "
                                + "visi serta menjaring nama calon.",
                        List.of("Pengurus {partai} dan {partai2} menggelar pertemuan tertutup di Jakarta untuk "
                                        + "menjajaki kemungkinan koalisi dalam pemilihan kepala daerah {provinsi}. "
                                        + "Pertemuan berlangsung sekitar tiga jam dan diakhiri dengan makan malam "
                                        + "bersama.",
                                "Kedua partai sepakat membentuk tim kecil yang bertugas menyamakan visi dan menyusun "
                                        + "kriteria calon. Tim tersebut diberi waktu {hari} hari untuk menyampaikan "
                                        + "rekomendasi kepada pimpinan partai.",
                                "Jika koalisi terbentuk, gabungan kedua partai akan menguasai sekitar {kursi} persen "
                                        + "kursi DPRD {provinsi}, cukup untuk mengusung pasangan calon sendiri. "
                                        + "Sejumlah nama kepala daerah dan tokoh lokal disebut masuk dalam bursa.",
                                "{pengamat}, peneliti politik dari {kampus}, menilai penjajakan ini masih sangat cair. "
                                        + "Menurut dia, peta koalisi biasanya baru mengerucut menjelang batas akhir "
                                        + "pendaftaran calon."),
                        "Kami membuka pintu seluas-luasnya. Yang terpenting adalah kesamaan gagasan untuk membangun "
                                + "daerah, bukan sekadar hitungan kursi.",
                        "{tokoh}, Sekretaris Jenderal {partai}",
                        "Pimpinan {partai} dan {partai2} memberikan keterangan kepada wartawan usai pertemuan di "
                                + "Jakarta.",
                        "Beberapa politikus berdiri berdampingan di depan deretan mikrofon wartawan."),
                t("politik", List.of("DPR"),
                        List.of("Menteri {bidang_menteri} Dicecar DPR soal Anggaran {^program}",
                                "DPR Minta {kementerian} Evaluasi Program {^program}"),
                        "Anggota dewan mempertanyakan penyerapan anggaran yang baru mencapai {serapan} persen serta "
                                + "keluhan warga soal penyaluran di lapangan.",
                        List.of("Rapat kerja antara DPR dan {kementerian} berlangsung alot setelah sejumlah anggota "
                                        + "dewan mempertanyakan program {program}. Penyerapan anggaran program "
                                        + "tersebut hingga kini baru mencapai {serapan} persen.",
                                "Beberapa anggota menyampaikan keluhan dari daerah pemilihan masing-masing, mulai dari "
                                        + "keterlambatan penyaluran hingga data penerima yang tidak tepat sasaran. "
                                        + "Mereka meminta kementerian segera memperbaiki mekanisme pendataan.",
                                "Menteri {bidang_menteri} menjelaskan bahwa keterlambatan disebabkan proses pengadaan "
                                        + "yang harus diulang di {n} provinsi. Ia berjanji penyerapan akan dipercepat "
                                        + "pada kuartal berikutnya.",
                                "Rapat ditutup dengan kesimpulan bahwa kementerian wajib menyerahkan laporan perbaikan "
                                        + "secara tertulis dalam {hari} hari. DPR juga akan membentuk tim kunjungan "
                                        + "kerja untuk meninjau pelaksanaan program di lapangan."),
                        "Anggaran ini uang rakyat. Kalau penyalurannya lambat, yang dirugikan adalah masyarakat kecil "
                                + "yang sangat membutuhkan.",
                        "{tokoh}, anggota Badan Anggaran DPR dari {partai}",
                        "Menteri {bidang_menteri} menyampaikan paparan dalam rapat kerja bersama DPR di Senayan, "
                                + "Jakarta.",
                        "Seorang pejabat berbicara di podium ruang rapat di hadapan anggota dewan."));
    }

    private static List<Template> hukum() {
        return List.of(
                t("hukum", List.of("KPK", "Korupsi"),
                        List.of("KPK Tahan {jabatan_tersangka} {daerah} dalam Kasus Suap Proyek {^proyek}",
                                "Diduga Terima Suap Rp {puluhan} Miliar, {jabatan_tersangka} {daerah} Ditahan KPK"),
                        "Penyidik menduga ada aliran dana hingga Rp {puluhan} miliar dari rekanan agar perusahaan "
                                + "mereka memenangi lelang proyek {proyek}.",
                        List.of("Komisi Pemberantasan Korupsi (KPK) menahan {terdakwa}, {jabatan_tersangka} "
                                        + "{daerah}, terkait dugaan suap dalam proyek {proyek}. Ia ditahan untuk 20 "
                                        + "hari pertama setelah menjalani pemeriksaan selama sembilan jam.",
                                "Penyidik menduga tersangka menerima uang hingga Rp {puluhan} miliar dari sejumlah "
                                        + "rekanan agar perusahaan mereka memenangi lelang. Uang itu diduga diserahkan "
                                        + "secara bertahap melalui perantara dalam kurun waktu dua tahun.",
                                "Selain {terdakwa}, KPK juga menetapkan {n} orang lain sebagai tersangka, termasuk "
                                        + "pihak swasta pemberi suap. Penyidik telah menggeledah kantor dinas dan "
                                        + "beberapa rumah di {daerah} serta menyita dokumen dan uang tunai.",
                                "Kasus ini bermula dari laporan masyarakat yang mencurigai kejanggalan dalam proses "
                                        + "lelang. KPK mengimbau para saksi untuk bersikap kooperatif selama proses "
                                        + "penyidikan berlangsung."),
                        "Kami akan menelusuri aliran dana ini sampai tuntas, termasuk kemungkinan adanya pihak lain "
                                + "yang ikut menikmati.",
                        "{tokoh}, juru bicara KPK",
                        "Tersangka kasus suap proyek {proyek} mengenakan rompi tahanan saat digiring petugas di "
                                + "Gedung Merah Putih KPK, Jakarta.",
                        "Seorang pria berompi oranye berjalan dikawal petugas di lobi gedung."),
                t("hukum", List.of("Mahkamah Agung", "Korupsi"),
                        List.of("Mahkamah Agung Tolak Kasasi Mantan {jabatan_tersangka} {daerah}",
                                "MA Perberat Hukuman Terdakwa Korupsi Proyek {^proyek} Jadi {tahun} Tahun Penjara"),
                        "Dengan putusan tersebut, terdakwa perkara korupsi proyek {proyek} harus menjalani hukuman "
                                + "{tahun} tahun penjara dan membayar uang pengganti Rp {puluhan} miliar.",
                        List.of("Mahkamah Agung (MA) menolak permohonan kasasi yang diajukan {terdakwa}, mantan "
                                        + "{jabatan_tersangka} {daerah}, dalam perkara korupsi proyek {proyek}. "
                                        + "Sebaliknya, majelis yang diketuai hakim agung {hakim} mengabulkan kasasi "
                                        + "jaksa dan memperberat hukuman terdakwa menjadi {tahun} tahun penjara.",
                                "Selain pidana penjara, terdakwa diwajibkan membayar uang pengganti sebesar "
                                        + "Rp {puluhan} miliar. Jika tidak dibayar dalam satu bulan setelah putusan "
                                        + "berkekuatan hukum tetap, harta bendanya dapat disita dan dilelang jaksa.",
                                "Dalam pertimbangannya, majelis menilai perbuatan terdakwa dilakukan saat menjabat dan "
                                        + "merugikan keuangan daerah dalam jumlah besar. Majelis juga menyatakan tidak "
                                        + "menemukan alasan yang meringankan.",
                                "Kuasa hukum terdakwa menyatakan akan mempelajari salinan putusan sebelum menentukan "
                                        + "langkah selanjutnya, termasuk kemungkinan mengajukan peninjauan kembali. "
                                        + "Sementara itu, kejaksaan menyatakan siap melakukan eksekusi."),
                        "Putusan ini menjadi pesan bahwa penyalahgunaan jabatan akan dihukum setimpal. Kami "
                                + "menghormati proses hukum yang sudah berjalan.",
                        "{tokoh}, juru bicara Mahkamah Agung",
                        "Suasana gedung Mahkamah Agung di Jalan Medan Merdeka Utara, Jakarta.",
                        "Fasad gedung pengadilan berwarna putih dengan tiang bendera di halaman depan."),
                t("hukum", List.of("Korupsi"),
                        List.of("Sidang Korupsi {^dana} di {daerah}: Jaksa Tuntut Terdakwa {tahun} Tahun Penjara",
                                "Terdakwa Korupsi {^dana} {daerah} Dituntut {tahun} Tahun Penjara"),
                        "Jaksa menilai terdakwa terbukti menyalahgunakan {dana} untuk kepentingan pribadi sehingga "
                                + "merugikan negara sekitar Rp {puluhan} miliar.",
                        List.of("Jaksa penuntut umum menuntut {terdakwa} dengan pidana {tahun} tahun penjara dalam "
                                        + "sidang perkara korupsi {dana} di Pengadilan Tindak Pidana Korupsi. Terdakwa "
                                        + "juga dituntut membayar denda Rp {ratusan} juta subsider enam bulan "
                                        + "kurungan.",
                                "Menurut jaksa, terdakwa terbukti menyalahgunakan {dana} di {daerah} untuk "
                                        + "kepentingan pribadi dan kelompoknya. Perbuatan itu ditaksir merugikan "
                                        + "keuangan negara sekitar Rp {puluhan} miliar.",
                                "Dalam persidangan sebelumnya, jaksa menghadirkan {puluhan2} saksi, termasuk perangkat "
                                        + "daerah dan penerima manfaat. Sebagian saksi mengaku tidak pernah menerima "
                                        + "bantuan meski nama mereka tercantum dalam daftar penerima.",
                                "Majelis hakim memberi kesempatan kepada terdakwa dan kuasa hukumnya untuk "
                                        + "menyampaikan pleidoi pada sidang pekan depan. Kuasa hukum terdakwa "
                                        + "menyatakan akan membuktikan bahwa kliennya tidak menikmati uang tersebut."),
                        "Dana ini seharusnya sampai ke tangan masyarakat yang membutuhkan. Perbuatan terdakwa telah "
                                + "mengkhianati kepercayaan publik.",
                        "{tokoh}, jaksa penuntut umum dalam perkara korupsi {dana} {daerah}",
                        "Terdakwa perkara korupsi {dana} mendengarkan tuntutan jaksa di ruang sidang Pengadilan "
                                + "Tipikor.",
                        "Seorang terdakwa duduk di kursi menghadap majelis hakim di ruang sidang."),
                t("hukum", List.of("Kecerdasan Buatan"),
                        List.of("Polisi Bongkar Penipuan Video Palsu Berbasis AI di {kota}, {n} Tersangka Ditangkap",
                                "Sindikat Penipuan Pakai Suara Tiruan AI di {kota}, Kerugian Korban Capai "
                                        + "Rp {puluhan} Miliar"),
                        "Para pelaku memanfaatkan video dan suara tiruan tokoh publik untuk meyakinkan korban "
                                + "menanamkan uang dalam investasi bodong.",
                        List.of("Kepolisian membongkar sindikat penipuan daring yang memanfaatkan teknologi "
                                        + "kecerdasan buatan di {kota}, {provinsi}. Sebanyak {n} tersangka ditangkap "
                                        + "dalam penggerebekan di sebuah rumah kontrakan yang dijadikan markas "
                                        + "operasi.",
                                "Para pelaku membuat video dan rekaman suara tiruan yang menyerupai tokoh publik untuk "
                                        + "mempromosikan investasi palsu. Korban yang tergiur diminta mentransfer uang "
                                        + "ke sejumlah rekening penampung dengan janji keuntungan berlipat.",
                                "Polisi mencatat lebih dari {ribu} orang menjadi korban dengan total kerugian sekitar "
                                        + "Rp {puluhan} miliar. Petugas menyita puluhan ponsel, komputer jinjing, dan "
                                        + "kartu ATM dari lokasi penggerebekan.",
                                "Para tersangka dijerat dengan pasal berlapis dalam Undang-Undang Informasi dan "
                                        + "Transaksi Elektronik serta tindak pidana pencucian uang. Polisi masih "
                                        + "memburu {n2} orang lain yang diduga menjadi pengendali jaringan."),
                        "Masyarakat harus lebih waspada. Jika ada tawaran investasi dengan keuntungan tidak masuk "
                                + "akal, apalagi memakai wajah tokoh terkenal, hampir pasti itu penipuan.",
                        "{tokoh}, penyidik Direktorat Reserse Siber Polda {provinsi}",
                        "Polisi menunjukkan barang bukti ponsel dan komputer jinjing dari sindikat penipuan daring di "
                                + "{kota}.",
                        "Meja berisi tumpukan ponsel dan laptop sitaan dengan petugas berdiri di belakangnya."));
    }

    private static List<Template> nusantara() {
        return List.of(
                t("nusantara", List.of("Banjir"),
                        List.of("Banjir Rendam {puluhan} Desa di {provinsi}, Ribuan Warga Mengungsi",
                                "Hujan Deras Semalaman, Banjir Setinggi {tinggi} Sentimeter Genangi {kota}"),
                        "Badan Penanggulangan Bencana Daerah mendirikan posko pengungsian dan dapur umum sambil "
                                + "memantau potensi hujan susulan.",
                        List.of("Banjir melanda sejumlah wilayah di {kota}, {provinsi}, setelah hujan deras mengguyur "
                                        + "sejak sore hingga dini hari. Ketinggian air di beberapa permukiman mencapai "
                                        + "{tinggi} sentimeter.",
                                "Badan Penanggulangan Bencana Daerah (BPBD) mencatat {puluhan} desa dan kelurahan "
                                        + "terdampak, dengan lebih dari {ribu} warga mengungsi ke balai desa, masjid, "
                                        + "dan sekolah. Petugas menggunakan perahu karet untuk mengevakuasi warga "
                                        + "lanjut usia dan anak-anak.",
                                "Pemerintah daerah mendirikan dapur umum dan posko kesehatan di sejumlah titik "
                                        + "pengungsian. Bantuan berupa selimut, makanan siap saji, dan air bersih "
                                        + "mulai disalurkan sejak pagi.",
                                "Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan hujan dengan intensitas "
                                        + "sedang hingga lebat masih akan terjadi dalam {n} hari ke depan. Warga yang "
                                        + "tinggal di bantaran sungai diminta tetap waspada."),
                        "Prioritas kami adalah keselamatan warga. Kami minta warga segera mengungsi jika air kembali "
                                + "naik dan tidak menunggu sampai malam.",
                        "{tokoh}, Kepala Bidang Kedaruratan BPBD {provinsi}",
                        "Warga menggunakan perahu karet untuk melintasi jalan yang tergenang banjir di {kota}, "
                                + "{provinsi}.",
                        "Perahu karet berisi warga melaju di jalan permukiman yang terendam air cokelat."),
                t("nusantara", List.of("Gempa"),
                        List.of("Gempa Magnitudo {mag} Guncang {provinsi}, BMKG Pastikan Tak Berpotensi Tsunami",
                                "Gempa M {mag} di {provinsi} Rusak {puluhan} Rumah Warga"),
                        "Guncangan terasa cukup kuat di {kota} dan sekitarnya sehingga warga berhamburan keluar "
                                + "rumah.",
                        List.of("Gempa bumi bermagnitudo {mag} mengguncang wilayah {provinsi} pada dini hari. Pusat "
                                        + "gempa berada di laut pada kedalaman {kedalaman} kilometer, sekitar {jarak} "
                                        + "kilometer dari {kota}.",
                                "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) menyatakan gempa tersebut tidak "
                                        + "berpotensi tsunami. Hingga pagi hari, tercatat {n} kali gempa susulan "
                                        + "dengan kekuatan lebih kecil.",
                                "Data sementara dari pemerintah daerah menyebutkan {puluhan} rumah mengalami kerusakan "
                                        + "ringan hingga sedang, sebagian besar berupa dinding retak dan atap runtuh. "
                                        + "Belum ada laporan korban jiwa, tetapi beberapa warga mengalami luka ringan.",
                                "Petugas gabungan melakukan pendataan kerusakan dan memeriksa kondisi sekolah serta "
                                        + "fasilitas umum. Warga diimbau tidak mudah percaya pada kabar bohong "
                                        + "mengenai gempa susulan yang lebih besar."),
                        "Kami mengimbau masyarakat tetap tenang dan menjauhi bangunan yang retak. Informasi resmi "
                                + "hanya bersumber dari BMKG.",
                        "{tokoh}, Kepala Stasiun Geofisika BMKG di {kota}",
                        "Warga memeriksa rumah yang rusak akibat gempa di {kota}, {provinsi}.",
                        "Dinding rumah yang retak dan pecahan genteng berserakan di halaman."),
                t("nusantara", List.of("Infrastruktur"),
                        List.of("Jembatan Gantung Baru Hubungkan {n} Desa Terpencil di {provinsi}",
                                "Jalan Penghubung Sepanjang {jarak} Kilometer di Pedalaman {provinsi} Rampung "
                                        + "Dibangun"),
                        "Warga kini tidak lagi harus memutar jauh untuk mengangkut hasil kebun ke pasar dan "
                                + "mengantar anak ke sekolah.",
                        List.of("Pemerintah daerah meresmikan akses penghubung baru di pedalaman {provinsi} yang "
                                        + "menghubungkan {n} desa dengan pusat kecamatan. Sebelumnya, warga harus "
                                        + "menyeberangi sungai dengan rakit atau memutar sejauh {jarak2} kilometer.",
                                "Pembangunan memakan waktu sekitar {bulan} bulan dengan anggaran Rp {puluhan} miliar "
                                        + "yang bersumber dari dana pemerintah pusat dan daerah. Sebagian pekerjanya "
                                        + "berasal dari warga desa setempat.",
                                "Bagi petani, akses baru ini memangkas biaya angkut hasil kebun hingga separuh. "
                                        + "Anak-anak sekolah juga kini dapat berangkat lebih siang tanpa harus "
                                        + "berjalan kaki berjam-jam.",
                                "Pemerintah provinsi berencana membangun akses serupa di {n2} lokasi lain yang masih "
                                        + "terisolasi. Pembangunan akan dilakukan bertahap mulai tahun anggaran "
                                        + "berikutnya."),
                        "Dulu kalau sungai meluap, anak-anak tidak bisa sekolah berhari-hari. Sekarang kami bisa "
                                + "bernapas lega.",
                        "{tokoh}, kepala desa di pedalaman {provinsi}",
                        "Warga melintasi akses penghubung yang baru diresmikan di pedalaman {provinsi}.",
                        "Warga mengendarai sepeda motor melintasi jalur baru di tengah perbukitan hijau."),
                t("nusantara", List.of("Pariwisata"),
                        List.of("{festival} di {kota} Tarik {ribu} Pengunjung",
                                "Digelar {hari} Hari, {festival} Hidupkan Ekonomi Warga {kota}"),
                        "Pelaku usaha kecil melaporkan lonjakan penjualan, sementara hotel dan penginapan di sekitar "
                                + "lokasi acara hampir penuh.",
                        List.of("{festival} yang digelar di {kota}, {provinsi}, menarik sekitar {ribu} pengunjung dari "
                                        + "berbagai daerah. Acara ini menampilkan pertunjukan seni, pameran kerajinan, "
                                        + "dan bazar kuliner khas setempat.",
                                "Panitia mencatat lebih dari {ratusan} pelaku usaha mikro ikut membuka lapak selama "
                                        + "festival berlangsung. Sebagian pedagang mengaku omzet mereka naik hingga "
                                        + "tiga kali lipat dibandingkan hari biasa.",
                                "Tingkat hunian hotel di sekitar lokasi acara dilaporkan melonjak hingga {okupansi} "
                                        + "persen. Pemerintah daerah juga menyediakan bus gratis dari pusat kota "
                                        + "menuju lokasi festival.",
                                "Dinas Pariwisata berencana menjadikan festival ini agenda tahunan dan memasukkannya "
                                        + "ke kalender acara nasional. Panitia juga akan mengevaluasi pengelolaan "
                                        + "sampah dan parkir yang sempat dikeluhkan pengunjung."),
                        "Festival ini bukan hanya hiburan, tetapi juga cara kami memperkenalkan budaya daerah kepada "
                                + "generasi muda dan wisatawan.",
                        "{tokoh}, ketua panitia {festival}",
                        "Pengunjung memadati area {festival} di {kota}, {provinsi}.",
                        "Kerumunan pengunjung di antara lapak dan panggung pertunjukan yang dihias warna-warni."));
    }

    private static List<Template> ekonomi() {
        return List.of(
                t("ekonomi", List.of("Inflasi"),
                        List.of("Inflasi Tahunan Tercatat {inflasi} Persen, Harga {^komoditas} Jadi Pendorong Utama",
                                "BPS: Kenaikan Harga {^komoditas} Dorong Inflasi ke Level {inflasi} Persen"),
                        "Badan Pusat Statistik mencatat kelompok makanan, minuman, dan tembakau memberikan andil "
                                + "terbesar terhadap inflasi bulan lalu.",
                        List.of("Badan Pusat Statistik (BPS) mengumumkan inflasi tahunan sebesar {inflasi} persen pada "
                                        + "bulan lalu. Angka ini masih berada dalam rentang sasaran yang ditetapkan "
                                        + "pemerintah dan Bank Indonesia.",
                                "Kenaikan harga {komoditas} menjadi penyumbang terbesar inflasi, diikuti biaya "
                                        + "transportasi dan pendidikan. Di sejumlah pasar tradisional, harga "
                                        + "{komoditas} naik hingga {naik} persen dalam sebulan.",
                                "Secara regional, inflasi tertinggi terjadi di {provinsi}, sementara inflasi terendah "
                                        + "tercatat di sejumlah kota di Jawa. Perbedaan itu dipengaruhi biaya "
                                        + "distribusi dan cuaca yang mengganggu panen di beberapa sentra produksi.",
                                "Pemerintah menyiapkan operasi pasar dan mempercepat distribusi cadangan pangan untuk "
                                        + "meredam gejolak harga. Ekonom memperkirakan tekanan harga akan mereda jika "
                                        + "pasokan dari daerah sentra kembali normal."),
                        "Inflasi masih terkendali, tetapi kami mewaspadai harga pangan yang mudah bergejolak. "
                                + "Koordinasi dengan pemerintah daerah menjadi kunci.",
                        "{tokoh}, ekonom senior {lembaga}",
                        "Pedagang menata {komoditas} di lapak sebuah pasar tradisional di {kota}.",
                        "Tumpukan bahan pangan di lapak pasar dengan pedagang yang sedang melayani pembeli."),
                t("ekonomi", List.of("Rupiah"),
                        List.of("Rupiah Ditutup {^arah} ke Level Rp {kurs} per Dolar AS",
                                "Rupiah {^arah} {gerak} Persen ke Rp {kurs}, Pasar Cermati Arah Suku Bunga AS"),
                        "Pergerakan rupiah dipengaruhi sentimen global terkait kebijakan bank sentral Amerika Serikat "
                                + "serta data perdagangan domestik.",
                        List.of("Nilai tukar rupiah ditutup {arah} {gerak} persen ke level Rp {kurs} per dolar AS pada "
                                        + "perdagangan sore. Pergerakan ini sejalan dengan mata uang lain di kawasan "
                                        + "Asia yang juga bergerak variatif.",
                                "Pelaku pasar mencermati pernyataan pejabat bank sentral Amerika Serikat mengenai arah "
                                        + "suku bunga dalam beberapa bulan ke depan. Ketidakpastian tersebut membuat "
                                        + "investor cenderung berhati-hati menempatkan dana di pasar negara "
                                        + "berkembang.",
                                "Dari dalam negeri, data neraca perdagangan yang kembali mencatat surplus memberikan "
                                        + "sokongan bagi rupiah. Cadangan devisa juga dinilai masih cukup untuk "
                                        + "menjaga stabilitas nilai tukar.",
                                "Bank Indonesia menyatakan terus berada di pasar untuk memastikan keseimbangan "
                                        + "permintaan dan pasokan valuta asing. Analis memperkirakan rupiah masih akan "
                                        + "bergerak dalam rentang terbatas pada pekan depan."),
                        "Fundamental ekonomi domestik relatif baik. Gejolak yang terjadi lebih banyak dipicu faktor "
                                + "global dan kami perkirakan bersifat sementara.",
                        "{tokoh}, analis pasar uang {sekuritas}",
                        "Petugas menghitung lembaran dolar AS dan rupiah di sebuah gerai penukaran valuta asing di "
                                + "Jakarta.",
                        "Tangan petugas memegang tumpukan uang kertas di meja kasir penukaran uang."),
                t("ekonomi", List.of("Perdagangan", "Rupiah"),
                        List.of("Ekspor {^komoditas_ekspor} ke {negara} Naik {naik} Persen pada Kuartal {kuartal}",
                                "Permintaan dari {negara} Melonjak, Eksportir {^komoditas_ekspor} Tambah Kapasitas"),
                        "Kenaikan permintaan dari {negara} membuat eksportir menambah kapasitas produksi dan membuka "
                                + "lapangan kerja baru.",
                        List.of("Nilai ekspor {komoditas_ekspor} Indonesia ke {negara} naik {naik} persen pada kuartal "
                                        + "{kuartal} dibandingkan periode yang sama tahun lalu. Kenaikan itu didorong "
                                        + "meningkatnya permintaan dari sektor ritel dan industri pengolahan di negara "
                                        + "tersebut.",
                                "Kementerian Perdagangan mencatat nilai ekspor komoditas tersebut mencapai "
                                        + "US$ {ratusan} juta sepanjang kuartal itu. {negara} kini menjadi salah satu "
                                        + "dari lima tujuan ekspor utama untuk produk ini.",
                                "Sejumlah eksportir di {provinsi} mengaku menambah jam kerja dan merekrut pekerja baru "
                                        + "untuk memenuhi pesanan. Namun, mereka juga menghadapi tantangan biaya "
                                        + "logistik dan standar sertifikasi yang semakin ketat.",
                                "Pemerintah berencana memperluas misi dagang dan mempromosikan produk Indonesia dalam "
                                        + "pameran internasional di {ibukota}. Pelaku usaha berharap perjanjian dagang "
                                        + "yang sedang dirundingkan dapat segera rampung."),
                        "Pasar {negara} menghargai kualitas dan konsistensi. Kalau kita bisa menjaga dua hal itu, "
                                + "peluang pertumbuhannya masih sangat besar.",
                        "{tokoh}, ketua asosiasi eksportir {komoditas_ekspor} di {provinsi}",
                        "Pekerja memuat peti kemas berisi {komoditas_ekspor} tujuan {negara} di sebuah pelabuhan.",
                        "Derek pelabuhan mengangkat peti kemas ke atas kapal kargo."),
                t("ekonomi", List.of("Inflasi", "Rupiah"),
                        List.of("Bank Indonesia Pertahankan Suku Bunga Acuan di Level {bunga} Persen",
                                "BI Rate Tetap {bunga} Persen, Bank Diminta Genjot Kredit Sektor {^sektor_kredit}"),
                        "Bank sentral menilai tingkat suku bunga saat ini masih sejalan dengan upaya menjaga inflasi "
                                + "dan stabilitas nilai tukar rupiah.",
                        List.of("Rapat Dewan Gubernur Bank Indonesia memutuskan mempertahankan suku bunga acuan di "
                                        + "level {bunga} persen. Keputusan itu sesuai dengan perkiraan sebagian besar "
                                        + "ekonom yang disurvei menjelang pengumuman.",
                                "Bank Indonesia menilai langkah tersebut konsisten dengan upaya menjaga inflasi tetap "
                                        + "dalam rentang sasaran serta menstabilkan nilai tukar rupiah. Bank sentral "
                                        + "juga memperkirakan pertumbuhan ekonomi tahun ini tetap di kisaran lima "
                                        + "persen.",
                                "Di sisi lain, penyaluran kredit perbankan tumbuh {persen} persen secara tahunan, "
                                        + "lebih lambat dari periode sebelumnya. Bank Indonesia mendorong perbankan "
                                        + "mempercepat penyaluran kredit ke sektor {sektor_kredit} yang dinilai "
                                        + "memiliki daya ungkit tinggi.",
                                "Kalangan pengusaha berharap suku bunga dapat diturunkan dalam beberapa bulan ke depan "
                                        + "agar biaya pinjaman lebih ringan. Namun, ekonom mengingatkan ruang "
                                        + "penurunan bergantung pada perkembangan ekonomi global."),
                        "Keputusan ini cukup tepat di tengah ketidakpastian global. Yang perlu dijaga sekarang adalah "
                                + "agar kredit tetap mengalir ke sektor produktif.",
                        "{tokoh}, kepala ekonom {lembaga}",
                        "Gedung Bank Indonesia di kawasan Jalan M.H. Thamrin, Jakarta.",
                        "Gedung perkantoran tinggi dengan logo bank sentral di bagian depan."));
    }

    private static List<Template> sepakBola() {
        return List.of(
                t("sepak-bola", List.of("Liga 1"),
                        List.of("{tim} Taklukkan {tim2} {skor_menang}-{skor_kalah} di Pekan ke-{pekan} Liga 1",
                                "Gol Menit ke-{menit} Bawa {tim} Kalahkan {tim2} {skor_menang}-{skor_kalah}"),
                        "Kemenangan ini membuat {tim} naik ke peringkat {peringkat} klasemen sementara dengan koleksi "
                                + "{poin} poin.",
                        List.of("{tim} meraih kemenangan {skor_menang}-{skor_kalah} atas {tim2} dalam lanjutan Liga 1 "
                                        + "pekan ke-{pekan} yang digelar di {markas}. Pertandingan berlangsung ketat "
                                        + "dan disaksikan sekitar {ribu} penonton.",
                                "Tuan rumah tampil menekan sejak menit awal dan memecah kebuntuan lewat sundulan "
                                        + "{pemain} yang memanfaatkan umpan silang dari sisi kanan. {tim2} sempat "
                                        + "memberikan perlawanan, tetapi sejumlah peluang mereka berhasil digagalkan "
                                        + "penjaga gawang.",
                                "Gol penentu kemenangan dicetak {pemain2} pada menit ke-{menit} setelah melewati dua "
                                        + "pemain bertahan. Hasil ini memperpanjang catatan tak terkalahkan {tim} di "
                                        + "kandang sendiri.",
                                "Dengan tambahan tiga poin, {tim} kini menempati peringkat {peringkat} klasemen "
                                        + "sementara dengan {poin} poin. Sementara itu, {tim2} harus segera berbenah "
                                        + "sebelum menghadapi laga berat pekan depan."),
                        "Anak-anak bermain disiplin dan tidak panik ketika lawan menekan. Kemenangan ini kami "
                                + "persembahkan untuk suporter yang selalu setia datang ke stadion.",
                        "{pelatih_tim}, pelatih kepala {tim}",
                        "Pemain {tim} merayakan gol ke gawang {tim2} di {markas}.",
                        "Sekelompok pemain sepak bola berseragam sama berpelukan merayakan gol di lapangan."),
                t("sepak-bola", List.of("Timnas", "Piala Dunia"),
                        List.of("Timnas Indonesia Bungkam {negara_bola} {skor_menang}-{skor_kalah} di Kualifikasi "
                                        + "Piala Dunia",
                                "Menang {skor_menang}-{skor_kalah} atas {negara_bola}, Timnas Indonesia Jaga Asa ke "
                                        + "Piala Dunia"),
                        "Skuad Garuda tampil efektif di hadapan puluhan ribu pendukung dan kini mengoleksi "
                                + "{poin_grup} poin di klasemen grup.",
                        List.of("Tim nasional Indonesia meraih kemenangan {skor_menang}-{skor_kalah} atas "
                                        + "{negara_bola} dalam laga kualifikasi Piala Dunia zona Asia di Stadion Utama "
                                        + "Gelora Bung Karno, Jakarta. Sekitar {puluhan} ribu penonton memadati "
                                        + "stadion sejak sore hari.",
                                "Gol pembuka dicetak {pemain} melalui tendangan bebas yang melengkung ke pojok atas "
                                        + "gawang. {pemain2} kemudian menggandakan keunggulan lewat serangan balik "
                                        + "cepat pada menit ke-{menit}.",
                                "{negara_bola} sempat meningkatkan tekanan di babak kedua dan memaksa lini belakang "
                                        + "Indonesia bekerja keras. Namun, koordinasi pertahanan yang rapi membuat "
                                        + "skuad Garuda mampu menjaga keunggulan hingga peluit panjang.",
                                "Hasil ini membuat Indonesia mengoleksi {poin_grup} poin dan menjaga peluang lolos ke "
                                        + "putaran berikutnya. Timnas selanjutnya akan bertandang ke markas lawan "
                                        + "dalam laga yang dijadwalkan pekan depan."),
                        "Ini kemenangan seluruh rakyat Indonesia. Para pemain menjalankan instruksi dengan sangat "
                                + "baik, tetapi perjalanan kita masih panjang.",
                        "{tokoh}, asisten pelatih Timnas Indonesia",
                        "Para pemain Timnas Indonesia merayakan gol ke gawang {negara_bola} di Stadion Utama Gelora "
                                + "Bung Karno, Jakarta.",
                        "Pemain berseragam merah berlari merayakan gol di depan tribun yang penuh penonton."),
                t("sepak-bola", List.of("Liga 1"),
                        List.of("{tim} Resmi Tunjuk {pelatih_baru} sebagai Pelatih Kepala",
                                "Berpisah dengan Pelatih Lama, {tim} Datangkan {pelatih_baru}"),
                        "Manajemen klub berharap pelatih baru mampu mengangkat performa tim yang sedang tertahan di "
                                + "papan tengah klasemen Liga 1.",
                        List.of("Manajemen {tim} resmi memperkenalkan {pelatih_baru} sebagai pelatih kepala baru dalam "
                                        + "jumpa pers di {markas}. Ia dikontrak hingga akhir musim dengan opsi "
                                        + "perpanjangan satu tahun.",
                                "Penunjukan itu dilakukan setelah {tim} gagal meraih kemenangan dalam {minggu} laga "
                                        + "beruntun. Manajemen menilai tim membutuhkan penyegaran strategi untuk "
                                        + "bersaing di papan atas.",
                                "{pelatih_baru} dikenal sebagai pelatih yang mengandalkan permainan menyerang dan "
                                        + "pressing ketat. Sebelumnya, ia pernah menangani sejumlah klub di kompetisi "
                                        + "kasta kedua dan tim usia muda.",
                                "Pelatih anyar itu langsung memimpin latihan perdana pada sore harinya. Laga debutnya "
                                        + "akan berlangsung saat {tim} menjamu {tim2} akhir pekan ini."),
                        "Saya tahu ekspektasi suporter sangat tinggi. Kami akan bekerja keras setiap hari agar tim ini "
                                + "kembali bersaing di papan atas.",
                        "{pelatih_baru}, pelatih kepala {tim}",
                        "{pelatih_baru} berpose dengan syal {tim} saat diperkenalkan sebagai pelatih baru di {markas}.",
                        "Seorang pria berjas membentangkan syal klub di depan papan berlogo sponsor."));
    }

    private static List<Template> buluTangkis() {
        return List.of(
                t("bulu-tangkis", List.of("Bulu Tangkis"),
                        List.of("{pebulutangkis} Melaju ke Final {turnamen} Usai Kalahkan Wakil {negara_bt}",
                                "Tundukkan Unggulan Asal {negara_bt}, {pebulutangkis} Tembus Final {turnamen}"),
                        "Pebulu tangkis {nomor} andalan Indonesia itu menang dalam pertandingan {jumlah_gim} gim yang "
                                + "berlangsung {durasi} menit.",
                        List.of("{pebulutangkis} memastikan tempat di partai final {turnamen} setelah mengalahkan "
                                        + "wakil {negara_bt} dengan skor {skor_set}. Pertandingan semifinal di "
                                        + "{kota_turnamen} itu berlangsung sengit selama {durasi} menit.",
                                "Pebulu tangkis {nomor} Indonesia tersebut tampil sabar dan rapi dalam reli-reli "
                                        + "panjang. Ia juga beberapa kali mengandalkan smes tajam ke sudut lapangan "
                                        + "untuk mencuri poin penting.",
                                "Di final, {pebulutangkis} akan menghadapi pemenang laga antara wakil tuan rumah dan "
                                        + "unggulan teratas turnamen. Ini menjadi final ketiga yang dicapainya musim "
                                        + "ini.",
                                "Keberhasilan ini juga menambah poin peringkat dunia yang penting dalam perburuan "
                                        + "tiket ke turnamen besar berikutnya. Tim pelatih berharap momentum tersebut "
                                        + "dapat dipertahankan hingga akhir musim."),
                        "Saya mencoba menikmati setiap poin dan tidak terlalu memikirkan hasil. Besok saya akan "
                                + "bermain lepas dan memberikan yang terbaik.",
                        "{pebulutangkis}, pebulu tangkis {nomor} Indonesia",
                        "{pebulutangkis} mengembalikan kok dalam laga semifinal {turnamen} di {kota_turnamen}.",
                        "Pebulu tangkis melompat sambil mengayunkan raket di lapangan berkarpet hijau."),
                t("bulu-tangkis", List.of("Bulu Tangkis"),
                        List.of("{ganda} Juara {turnamen} Usai Tumbangkan Pasangan {negara_bt}",
                                "Kalahkan Wakil {negara_bt} di Final, {ganda} Raih Gelar {turnamen}"),
                        "Pasangan {nomor_ganda} Indonesia itu menang {skor_set} di partai final dan membawa pulang "
                                + "gelar pertama mereka musim ini.",
                        List.of("Pasangan {nomor_ganda} {ganda} keluar sebagai juara {turnamen} setelah mengalahkan "
                                        + "pasangan {negara_bt} dengan skor {skor_set}. Laga final di {kota_turnamen} "
                                        + "berlangsung selama {durasi} menit.",
                                "Pasangan Indonesia itu tampil agresif sejak awal dan unggul dalam adu cepat di depan "
                                        + "net. Pertahanan mereka juga solid saat lawan mencoba menekan dengan "
                                        + "serangan bertubi-tubi.",
                                "Gelar ini menjadi yang pertama bagi mereka musim ini setelah dua kali terhenti di "
                                        + "babak semifinal. Hasil tersebut diperkirakan akan mengangkat posisi mereka "
                                        + "di peringkat dunia.",
                                "Keduanya dijadwalkan kembali ke Tanah Air untuk menjalani pemulihan sebelum tampil di "
                                        + "turnamen berikutnya. PBSI memberikan apresiasi atas capaian pasangan yang "
                                        + "baru dipasangkan sejak awal tahun ini."),
                        "Kami sangat bersyukur. Ada saat-saat kami tertekan, tetapi kami saling menguatkan dan percaya "
                                + "pada pola permainan kami.",
                        "{pemain_ganda}, pemain {nomor_ganda} Indonesia",
                        "{ganda} mengangkat trofi juara {turnamen} di {kota_turnamen}.",
                        "Dua pemain bulu tangkis tersenyum sambil mengangkat trofi di atas podium."),
                t("bulu-tangkis", List.of("Bulu Tangkis"),
                        List.of("PBSI Umumkan {skuad} Pemain untuk Piala {piala}",
                                "Skuad Piala {piala} Diumumkan, {n} Pemain Muda Jadi Debutan"),
                        "Tim pelatih memadukan pemain berpengalaman dengan sejumlah pemain muda yang tampil impresif "
                                + "dalam turnamen terakhir.",
                        List.of("Pengurus Pusat PBSI mengumumkan {skuad} pemain yang akan memperkuat Indonesia dalam "
                                        + "kejuaraan beregu Piala {piala}. Skuad tersebut terdiri atas pemain senior "
                                        + "dan {n} pemain muda yang baru pertama kali tampil di ajang beregu.",
                                "Tim pelatih menyebut pemilihan pemain didasarkan pada peringkat dunia, hasil turnamen "
                                        + "terakhir, dan kondisi kebugaran. Sejumlah pemain yang tampil konsisten "
                                        + "sepanjang musim menjadi tulang punggung tim.",
                                "Para pemain akan menjalani pemusatan latihan di Pelatnas Cipayung selama {minggu} "
                                        + "pekan sebelum berangkat. Latihan difokuskan pada ketahanan fisik dan "
                                        + "simulasi pertandingan beregu.",
                                "Indonesia berada di grup yang cukup berat bersama {negara_bt} dan dua negara lain. "
                                        + "Target tim adalah lolos sebagai juara grup untuk menghindari lawan kuat di "
                                        + "perempat final."),
                        "Kami ingin membawa pulang piala ini ke Indonesia. Kombinasi pemain senior dan junior membuat "
                                + "tim kami punya kedalaman yang baik.",
                        "{tokoh}, pelatih kepala tim Piala {piala} Indonesia",
                        "Para pemain pelatnas berlatih di Cipayung, Jakarta, menjelang keberangkatan ke Piala {piala}.",
                        "Sejumlah pemain bulu tangkis berlatih di beberapa lapangan dalam satu gedung olahraga."));
    }

    private static List<Template> teknologi() {
        return List.of(
                t("teknologi", List.of("Kecerdasan Buatan"),
                        List.of("Pemerintah Susun Pedoman Etika Kecerdasan Buatan untuk Sektor {^sektor}",
                                "Penggunaan AI di Sektor {^sektor} Akan Diatur, Publik Diminta Beri Masukan"),
                        "Pedoman itu akan mengatur transparansi, perlindungan data pribadi, dan tanggung jawab ketika "
                                + "sistem kecerdasan buatan menimbulkan kerugian.",
                        List.of("Pemerintah tengah menyusun pedoman etika penggunaan kecerdasan buatan (AI) yang "
                                        + "secara khusus menyasar sektor {sektor}. Draf pedoman ditargetkan rampung "
                                        + "dalam {bulan} bulan dan akan dibuka untuk konsultasi publik.",
                                "Pedoman tersebut akan mengatur kewajiban transparansi ketika layanan menggunakan "
                                        + "sistem AI, perlindungan data pribadi, serta mekanisme pengaduan bagi warga "
                                        + "yang dirugikan. Penyelenggara layanan juga diminta melakukan penilaian "
                                        + "risiko sebelum menerapkan teknologi baru.",
                                "Menurut survei pemerintah, sekitar {serapan} persen lembaga di sektor {sektor} sudah "
                                        + "menguji coba atau menggunakan AI dalam operasional mereka. Namun, baru "
                                        + "sebagian kecil yang memiliki kebijakan tertulis mengenai penggunaannya.",
                                "Kalangan industri menyambut baik rencana ini, tetapi meminta aturan dibuat fleksibel "
                                        + "agar tidak menghambat inovasi. Sementara itu, organisasi masyarakat sipil "
                                        + "mendorong pembentukan lembaga pengawas yang independen."),
                        "Kita tidak ingin menghambat inovasi, tetapi warga harus tahu kapan mereka berinteraksi dengan "
                                + "mesin dan ke mana harus mengadu jika ada yang salah.",
                        "{tokoh}, pejabat Kementerian Komunikasi dan Digital yang menangani tata kelola kecerdasan "
                                + "artifisial",
                        "Peserta mengikuti diskusi publik tentang etika kecerdasan buatan di Jakarta.",
                        "Layar presentasi bertuliskan kecerdasan buatan di depan para peserta diskusi."),
                t("teknologi", List.of("Startup"),
                        List.of("Startup {startup} Raih Pendanaan Rp {ratusan} Miliar untuk Ekspansi ke {provinsi}",
                                "{startup} Kantongi Dana Segar Rp {ratusan} Miliar dari Investor Asal {negara}"),
                        "Perusahaan rintisan penyedia {layanan} itu akan memakai dana segar untuk memperluas "
                                + "jangkauan layanan dan merekrut talenta teknologi.",
                        List.of("Perusahaan rintisan {startup}, penyedia {layanan}, mengumumkan perolehan pendanaan "
                                        + "senilai Rp {ratusan} miliar. Putaran pendanaan ini dipimpin modal ventura "
                                        + "asal {negara} dan diikuti sejumlah investor lokal.",
                                "Dana segar tersebut akan digunakan untuk memperluas layanan ke {provinsi} dan "
                                        + "beberapa provinsi lain di luar Jawa. Perusahaan juga berencana merekrut "
                                        + "sekitar {puluhan} karyawan baru, sebagian besar di bidang teknologi.",
                                "Didirikan {usia} tahun lalu, {startup} kini mengklaim melayani lebih dari {juta} juta "
                                        + "pengguna. Perusahaan menyatakan telah mencatatkan laba operasional dalam "
                                        + "dua kuartal terakhir.",
                                "Pengamat menilai pendanaan ini menunjukkan investor mulai kembali percaya pada "
                                        + "perusahaan rintisan yang memiliki model bisnis jelas. Meski demikian, "
                                        + "persaingan di sektor yang sama diperkirakan semakin ketat."),
                        "Kami ingin tumbuh dengan sehat, bukan sekadar cepat. Dana ini akan kami gunakan untuk "
                                + "membangun layanan yang benar-benar dibutuhkan pengguna di daerah.",
                        "{tokoh}, salah satu pendiri dan CEO {startup}",
                        "Suasana kantor {startup} di Jakarta Selatan.",
                        "Sejumlah pegawai muda bekerja di depan laptop di ruang kantor terbuka."),
                t("teknologi", List.of("Startup"),
                        List.of("Data {juta} Juta Pengguna {startup} Diduga Bocor, Perusahaan Lakukan Investigasi",
                                "{startup} Minta {juta} Juta Pengguna Ganti Kata Sandi Usai Insiden Keamanan Siber"),
                        "Perusahaan menyatakan telah menutup celah keamanan dan bekerja sama dengan otoritas terkait "
                                + "untuk menelusuri sumber kebocoran.",
                        List.of("Perusahaan teknologi {startup} menyatakan tengah menyelidiki dugaan kebocoran data "
                                        + "yang melibatkan sekitar {juta} juta akun pengguna. Dugaan itu mencuat "
                                        + "setelah sampel data diunggah di sebuah forum daring.",
                                "Data yang diduga bocor meliputi nama, alamat surel, dan nomor telepon. Perusahaan "
                                        + "memastikan kata sandi tersimpan dalam bentuk terenkripsi dan tidak ada data "
                                        + "kartu pembayaran yang terdampak.",
                                "{startup} telah menutup celah keamanan yang diduga menjadi pintu masuk peretas dan "
                                        + "melapor kepada otoritas terkait. Pengguna diminta segera mengganti kata "
                                        + "sandi dan mengaktifkan verifikasi dua langkah.",
                                "Pakar keamanan siber mengingatkan bahwa data semacam itu rawan dimanfaatkan untuk "
                                        + "penipuan melalui pesan singkat dan panggilan telepon. Warga diminta tidak "
                                        + "sembarangan mengklik tautan atau memberikan kode verifikasi kepada siapa "
                                        + "pun."),
                        "Perusahaan yang mengelola data jutaan orang wajib punya standar keamanan tinggi dan terbuka "
                                + "kepada penggunanya ketika terjadi insiden.",
                        "{tokoh}, pakar keamanan siber dari {kampus}",
                        "Ilustrasi pengguna mengakses aplikasi melalui ponsel pintar.",
                        "Tangan memegang ponsel yang layarnya menampilkan ikon gembok."),
                t("teknologi", List.of("Kecerdasan Buatan", "Startup"),
                        List.of("Aplikasi {startup} Pakai AI untuk Bantu Petani {^komoditas_tani} di {provinsi}",
                                "Petani {^komoditas_tani} di {provinsi} Andalkan AI untuk Deteksi Hama"),
                        "Lewat foto daun dari ponsel, sistem kecerdasan buatan dapat mengenali gejala penyakit "
                                + "tanaman dan memberikan saran penanganan.",
                        List.of("Ratusan petani {komoditas_tani} di {provinsi} mulai memanfaatkan aplikasi berbasis "
                                        + "kecerdasan buatan yang dikembangkan {startup}. Aplikasi itu dapat mengenali "
                                        + "gejala hama dan penyakit tanaman hanya dari foto daun yang diambil dengan "
                                        + "ponsel.",
                                "Sistem tersebut dilatih menggunakan lebih dari {ratusan} ribu foto tanaman dari "
                                        + "berbagai daerah di Indonesia. Dalam uji coba lapangan, tingkat akurasi "
                                        + "diagnosisnya disebut mencapai {okupansi} persen.",
                                "Selain diagnosis, aplikasi juga memberikan saran dosis pupuk dan prakiraan cuaca "
                                        + "lokal. Petani dapat berkonsultasi dengan penyuluh pertanian melalui fitur "
                                        + "obrolan jika hasil diagnosis meragukan.",
                                "Dinas pertanian setempat berencana memperluas program ini ke {puluhan} kelompok tani "
                                        + "lain tahun depan. Kendala yang masih dihadapi antara lain sinyal internet "
                                        + "yang lemah di sejumlah desa."),
                        "Dulu kami baru tahu tanaman sakit setelah daunnya menguning semua. Sekarang cukup difoto, "
                                + "langsung ketahuan harus diapakan.",
                        "{tokoh}, petani {komoditas_tani} sekaligus ketua kelompok tani di {provinsi}",
                        "Seorang petani memotret daun {komoditas_tani} menggunakan ponsel di lahannya di {provinsi}.",
                        "Petani berjongkok di tengah ladang sambil mengarahkan ponsel ke tanaman."));
    }
}
