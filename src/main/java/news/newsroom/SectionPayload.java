package news.newsroom;

import news.section.Section;

/** The section as stored after a successful mutation. */
record SectionPayload(Section section) implements SectionResult {}
