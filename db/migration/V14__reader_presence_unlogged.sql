-- Readers now is the last five minutes, and reader_presence is never kept in the spool: after a crash it would be
-- empty within minutes anyway. Unlogged, it costs the flush no write-ahead log for the row (and its index entry) that
-- every view and heartbeat adds. Its foreign key is dropped too: the flush statement inserts only rows of existing
-- articles (it joins article), and a per-row key check locked the article row of every view; rows of a deleted
-- article are deleted with the others of their hour.
-- [jooq ignore start]
alter table reader_presence drop constraint reader_presence_article_id_fkey;
alter table reader_presence set unlogged;
-- [jooq ignore stop]
