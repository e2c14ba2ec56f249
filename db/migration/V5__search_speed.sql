-- Search that stays fast when common words match tens of thousands of articles, and a typo fallback that looks words
-- up instead of comparing the query with every resembling headline.
--
-- article_search_recent_idx replaces article_search_idx: the same full-text index with publish time beside it
-- (btree_gin), so "matches published since ..." is answered inside the index and only those rows are read.
-- article_search_head_idx indexes the headline-and-summary vector (with publish time too), so the matches in
-- headlines and summaries are found without reading every match of the body.
--
-- search_term is the vocabulary of headlines and summaries (word for word, accents removed), with a trigram index: a
-- mistyped word is looked up there, and the words it resembles are searched as usual. A trigger adds the words of every
-- headline and summary written; words are never removed (a word no longer used simply finds nothing). It replaces the
-- trigram index on headlines.
--
-- PostgreSQL only; jOOQ's DDL-based code generation skips it (the search SQL names these objects itself).

-- [jooq ignore start]
create extension if not exists btree_gin;

create index article_search_recent_idx on article using gin (search_vector, published_at)
    where status in ('PUBLISHED', 'SCHEDULED');
drop index article_search_idx;
create index article_search_head_idx on article using gin (search_head, published_at)
    where status in ('PUBLISHED', 'SCHEDULED');

create table search_term (
    term text primary key
);
insert into search_term (term)
select distinct words.term
from article, unnest(tsvector_to_array(to_tsvector('news_simple', headline || ' ' || coalesce(summary, '')))) as words(term);
create index search_term_trgm_idx on search_term using gin (term gin_trgm_ops);

create function news_add_search_terms() returns trigger
    language plpgsql
    as $$
    begin
        insert into search_term (term)
        select words.term
        from unnest(tsvector_to_array(to_tsvector('news_simple', new.headline || ' ' || coalesce(new.summary, ''))))
            as words(term)
        on conflict do nothing;
        return null;
    end
    $$;
create trigger article_search_terms after insert or update of headline, summary on article
    for each row execute function news_add_search_terms();

drop index article_headline_trgm_idx;
-- [jooq ignore stop]
