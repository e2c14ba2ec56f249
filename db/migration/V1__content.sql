-- Content model of the newsroom: a tree of sections, reporters, tags and articles.
-- Slug and name columns are varchar (not text) so that jOOQ's DDL-based code generation can index them.

create table section (
    id          bigint generated always as identity primary key,
    slug        varchar(100) not null,
    name        varchar(200) not null,
    description varchar(2000),
    parent_id   bigint references section (id),
    position    integer not null default 0,
    constraint section_slug_key unique (slug),
    constraint section_not_own_parent check (parent_id is null or parent_id <> id)
);
create index section_parent_idx on section (parent_id);

create table reporter (
    id         bigint generated always as identity primary key,
    slug       varchar(100) not null,
    name       varchar(200) not null,
    bio        varchar(2000),
    avatar_url varchar(1000),
    constraint reporter_slug_key unique (slug)
);

create table tag (
    id   bigint generated always as identity primary key,
    slug varchar(100) not null,
    name varchar(200) not null,
    constraint tag_slug_key unique (slug)
);

-- status: DRAFT (editors only), SCHEDULED (becomes public at published_at), PUBLISHED, ARCHIVED.
-- body: ordered blocks, e.g. [{"type":"PARAGRAPH","text":"..."},{"type":"QUOTE","text":"...","speaker":"..."}]
create table article (
    id            bigint generated always as identity primary key,
    slug          varchar(200) not null,
    headline      varchar(300) not null,
    summary       varchar(1000),
    body          jsonb not null default '[]',
    section_id    bigint not null references section (id),
    status        varchar(16) not null default 'DRAFT',
    published_at  timestamp with time zone,
    created_at    timestamp with time zone not null default current_timestamp,
    updated_at    timestamp with time zone not null default current_timestamp,
    image_url     varchar(1000),
    image_caption varchar(1000),
    image_credit  varchar(300),
    image_alt     varchar(1000),
    image_width   integer,
    image_height  integer,
    version       integer not null default 1,
    constraint article_slug_key unique (slug),
    constraint article_status_check check (status in ('DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED')),
    constraint article_publish_time_check check (status in ('DRAFT', 'ARCHIVED') or published_at is not null)
);

-- Keyset pagination: newest first, ties broken by id. Public lists only read visible articles.
create index article_public_feed_idx on article (published_at desc, id desc)
    where status in ('PUBLISHED', 'SCHEDULED');
create index article_section_feed_idx on article (section_id, published_at desc, id desc)
    where status in ('PUBLISHED', 'SCHEDULED');

create table article_reporter (
    article_id  bigint not null references article (id) on delete cascade,
    reporter_id bigint not null references reporter (id),
    position    integer not null default 0,
    primary key (article_id, reporter_id)
);
create index article_reporter_reporter_idx on article_reporter (reporter_id, article_id);

create table article_tag (
    article_id bigint not null references article (id) on delete cascade,
    tag_id     bigint not null references tag (id),
    primary key (article_id, tag_id)
);
create index article_tag_tag_idx on article_tag (tag_id, article_id);
