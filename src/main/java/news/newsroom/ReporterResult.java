package news.newsroom;

/** The {@code ReporterResult} union: the stored reporter, or why the input was refused. */
sealed interface ReporterResult permits ReporterPayload, ValidationFailed {}
