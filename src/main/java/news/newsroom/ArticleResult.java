package news.newsroom;

/** The {@code ArticleResult} union: the stored article, or why the input was refused. */
sealed interface ArticleResult permits ArticlePayload, ValidationFailed {}
