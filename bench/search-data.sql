-- Adds :count generated articles (default 100000) to a newsroom database, for the search benchmark. Everything is
-- made inside PostgreSQL: the vocabulary is the words of the articles already there (the demo newsroom), drawn with
-- their own frequencies, so the generated text has the word distribution of real Indonesian news text. Each article
-- gets a 6-to-12-word headline, a summary of 20 words, a body of five paragraphs of 40 to 80 words, a section and up
-- to two tags of the existing ones, and a publish time in the last two years. Slugs start with `bench-`; running it
-- again adds more. Run with: psql -v count=100000 -f bench/search-data.sql
\if :{?count}
\else
\set count 100000
\endif
\set ON_ERROR_STOP on
begin;
create function pg_temp.bench_articles(how_many integer) returns void
    language plpgsql
    as $$
    declare
        words text[];
        sections bigint[];
        n integer;
        k integer;
        paragraphs jsonb;
        text_of text;

    begin
        select array_agg(w.word) into words
        from article a,
             regexp_split_to_table(lower(a.headline || ' ' || news_body_text(a.body)), '[^[:alnum:]]+') as w(word)
        where length(w.word) > 1 and a.slug not like 'bench-%';
        n := cardinality(words);
        select array_agg(id) into sections from section;
        for i in 1 .. how_many loop
            paragraphs := '[]';
            for p in 1 .. 5 loop
                text_of := '';
                for k in 1 .. 40 + (random() * 40)::int loop
                    text_of := text_of || words[1 + floor(random() * n)::int] || ' ';
                end loop;
                paragraphs := paragraphs || jsonb_build_object('type', 'PARAGRAPH', 'text', initcap(rtrim(text_of)) || '.');
            end loop;
            text_of := '';
            for k in 1 .. 6 + (random() * 6)::int loop
                text_of := text_of || words[1 + floor(random() * n)::int] || ' ';
            end loop;
            insert into article (slug, headline, summary, body, section_id, status, published_at)
            values ('bench-' || i || '-' || substr(md5(random()::text), 1, 8),
                    initcap(rtrim(text_of)),
                    (select initcap(string_agg(words[1 + floor(random() * n)::int], ' ')) || '.'
                     from generate_series(1, 20)),
                    paragraphs,
                    sections[1 + floor(random() * cardinality(sections))::int],
                    'PUBLISHED',
                    now() - random() * interval '730 days');
        end loop;
    end
    $$;
select pg_temp.bench_articles(:count);
insert into article_tag (article_id, tag_id)
select a.id, t.ids[1 + floor(random() * cardinality(t.ids))::int]
from article a, (select array_agg(id) as ids from tag) as t, generate_series(1, 2)
where a.slug like 'bench-%' and not exists (select 1 from article_tag x where x.article_id = a.id)
on conflict do nothing;
commit;
vacuum analyze article;
vacuum analyze article_tag;
select count(*) as articles, pg_size_pretty(pg_total_relation_size('article')) as article_size from article;
