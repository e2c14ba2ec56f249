-- Full-text search in Indonesian, typo-tolerant headline matching and related articles.
--
-- article.search_vector is a generated column: PostgreSQL recomputes it in the same statement as every insert or
-- update of an article, so a new, edited or withdrawn article is searched as it now is the moment its transaction
-- commits. Adding the column computes it for the rows already there. Weights: headline A, summary B, body text C.
-- Each text is indexed twice: stemmed with news_indonesian, PostgreSQL's `indonesian` configuration (Snowball:
-- "perdamaian", "berdamai" and "mendamaikan" all become 'damai'), and word for word with news_simple; the search
-- asks both. The stemmer alone would part words readers expect to meet: it cuts "damai" itself to 'dama', and only
-- the word-for-word form lets "perdamaian" find "damai". Both configurations remove accents first, so that "Bogor"
-- and "Bógor" meet.
--
-- Functions, the generated column and expression indexes are PostgreSQL only; jOOQ's DDL-based code generation skips
-- them (the search SQL names the column itself).

-- [jooq ignore start]
create extension if not exists unaccent;
create extension if not exists pg_trgm;

create text search configuration news_indonesian (copy = pg_catalog.indonesian);
alter text search configuration news_indonesian
    alter mapping for hword, hword_part, word with unaccent, indonesian_stem;
create text search configuration news_simple (copy = pg_catalog.simple);
alter text search configuration news_simple
    alter mapping for hword, hword_part, word with unaccent, simple;

-- unaccent(text) is only STABLE (it looks its dictionary up by name at run time); naming the dictionary makes the
-- result depend on the argument alone, which an index expression needs.
create function news_unaccent(text) returns text
    language sql immutable strict parallel safe
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The running text of a body: the text of every block (paragraphs, quotes, headings) in order.
create function news_body_text(jsonb) returns text
    language sql immutable strict parallel safe
    as $$
        select coalesce(string_agg(block ->> 'text', ' ' order by position), '')
        from jsonb_array_elements(case when jsonb_typeof($1) = 'array' then $1 else '[]'::jsonb end)
            with ordinality as blocks(block, position)
    $$;

-- Text as HTML-safe characters: snippets are built from escaped text, so the only markup in them is the highlight.
create function news_escape_html(text) returns text
    language sql immutable strict parallel safe
    as $$
        select replace(replace(replace(replace(replace($1,
            '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
    $$;

-- Both forms of a text, for one weight.
create function news_search_vector(text, "char") returns tsvector
    language sql immutable strict parallel safe
    as $$
        select setweight(to_tsvector('news_indonesian'::regconfig, $1) || to_tsvector('news_simple'::regconfig, $1), $2)
    $$;

-- search_vector (headline, summary and body) finds the matches; search_head (headline and summary) ranks them. The
-- short one stays inline in the row, so ranking thousands of matches does not read their whole bodies' vectors.
alter table article
    add column search_vector tsvector generated always as (
        news_search_vector(headline, 'A')
            || news_search_vector(coalesce(summary, ''), 'B')
            || news_search_vector(news_body_text(body), 'C')
    ) stored,
    add column search_head tsvector generated always as (
        news_search_vector(headline, 'A') || news_search_vector(coalesce(summary, ''), 'B')
    ) stored;

-- Only articles that are or will become public are searched; drafts and archived articles are not in the indexes.
create index article_search_idx on article using gin (search_vector)
    where status in ('PUBLISHED', 'SCHEDULED');
create index article_headline_trgm_idx on article using gin (news_unaccent(headline) gin_trgm_ops)
    where status in ('PUBLISHED', 'SCHEDULED');
-- [jooq ignore stop]
