package news.newsroom;

import java.time.OffsetDateTime;

/** A correction note appended to a published article. */
record Correction(OffsetDateTime createdAt, String text) {}
