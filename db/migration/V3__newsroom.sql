-- Newsroom writes: who changed what, old slugs that keep resolving, corrections and an audit trail.

-- The subject (token `sub`) of the editor who created or last changed an article.
-- first_published_at is set once, on first publication: from then on the slug no longer follows the headline.
alter table article add column created_by varchar(200);
alter table article add column updated_by varchar(200);
alter table article add column first_published_at timestamp with time zone;

-- Slugs an article had while it was public; `article(slug: old)` still finds the article.
-- A slug names at most one article, either as its current slug or here.
create table article_slug_history (
    slug       varchar(200) primary key,
    article_id bigint not null references article (id) on delete cascade,
    replaced_at timestamp with time zone not null default current_timestamp
);
create index article_slug_history_article_idx on article_slug_history (article_id);

-- Correction notes appended to published articles, shown to readers in order.
create table article_correction (
    id         bigint generated always as identity primary key,
    article_id bigint not null references article (id) on delete cascade,
    created_at timestamp with time zone not null default current_timestamp,
    text       varchar(4000) not null,
    author     varchar(200) not null
);
create index article_correction_article_idx on article_correction (article_id, created_at);

-- One row per successful newsroom change: who, when, what action, on which object.
create table newsroom_audit (
    id          bigint generated always as identity primary key,
    at          timestamp with time zone not null default current_timestamp,
    actor       varchar(200) not null,
    action      varchar(40) not null,
    object_type varchar(20) not null,
    object_id   bigint not null,
    version     integer
);
create index newsroom_audit_object_idx on newsroom_audit (object_type, object_id);
