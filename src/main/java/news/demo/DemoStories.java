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

    /** Invented people used for officials, experts, defendants and other speakers. */
    static final List<String> PEOPLE = List.of("Rahmat Hidayat", "Dewi Anggraini", "Agus Setiawan",
            "Siti Rahmawati", "Hendra Kusumawardana", "Wulan Permatasari", "Yusuf Maulana", "Rina Pertiwi",
            "Arif Nugroho", "Nurul Fadilah", "Fajar Ramadhan", "Indah Kartikasari", "Bayu Prasetyo",
            "Ratna Wulandari", "Gilang Saputra", "Maya Puspitasari", "Dimas Haryanto", "Lina Marlina",
            "Teguh Wicaksono", "Ayu Larasati", "Irfan Maulidi", "Sekar Ayuningtyas", "Andika Pranata",
            "Yohanes Tarigan", "Made Suartana", "Nyoman Adiputra", "Fransiska Manurung", "Benny Sitompul",
            "Citra Handayani", "Reza Alamsyah", "Sri Wahyuningsih", "Krisna Aditya", "Lukas Manuhutu",
            "Anisa Rahmadani", "Yudi Firmansyah", "Putu Wirawan", "Desi Natalia", "Hafiz Ramli",
            "Melati Kusumaningrum", "Oki Permadi");

    /** Slot bases that draw from {@link #PEOPLE}; one person never fills two such slots of an article. */
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
        group("jabatan_tersangka", "Kepala Dinas Pekerjaan Umum", "Sekretaris Daerah", "Direktur Utama BUMD",
                "Kepala Bagian Pengadaan", "Kepala Dinas Kesehatan", "Kepala Dinas Pendidikan");
        group("proyek", "pembangunan pasar induk", "peningkatan jalan kabupaten", "pengadaan alat kesehatan",
                "rehabilitasi gedung sekolah", "pembangunan saluran irigasi", "pembangunan gedung olahraga");
        group("perkara", "korupsi dana hibah pendidikan", "suap perizinan tambang",
                "korupsi pengadaan kapal patroli", "penggelapan dana koperasi",
                "korupsi proyek penerangan jalan", "suap pengisian jabatan");
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
        group("pelatih", "Marco Bellandi", "Jorge Alcantara", "Hendrik Vossberg", "Kenji Morimoto",
                "Darmawan Sitepu", "Rully Tanamal", "Stefan Lindqvist", "Aris Manuputty");
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
     * The slot values of one article. Values are drawn lazily from the shared random source the first time a slot is
     * used, and then stay the same for the headline, summary, body and image of that article.
     */
    static final class Slots {

        private final Random rnd;

        private final Map<String, String> values = new HashMap<>();

        private final Set<String> used = new HashSet<>();

        Slots(Random rnd) {
            this.rnd = rnd;
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

        private void generate(String base, String suffix) {
            if (PERSON_BASES.contains(base)) {
                String person;
                do {
                    person = PEOPLE.get(rnd.nextInt(PEOPLE.size()));
                } while (!used.add("person:" + person));
                values.put(base + suffix, person);
                return;
            }
            Group group = GROUPS.get(base);
            if (group != null) {
                int row;
                do {
                    row = rnd.nextInt(group.rows().size());
                } while (!used.add(group.keys().get(0) + ":" + row));
                for (int i = 0; i < group.keys().size(); i++) {
                    values.put(group.keys().get(i) + suffix, group.rows().get(row)[i]);
                }
                return;
            }
            if (base.equals("skor_set") || base.equals("jumlah_gim")) {
                gameScores(suffix);
                return;
            }
            String value = switch (base) {
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
                case "pekan" -> Integer.toString(between(10, 32));
                case "menit" -> Integer.toString(between(58, 89));
                case "peringkat" -> Integer.toString(between(1, 8));
                case "poin" -> Integer.toString(between(18, 45));
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
            if (value != null) {
                values.put(base + suffix, value);
            }
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

