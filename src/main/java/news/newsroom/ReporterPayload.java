package news.newsroom;

import news.reporter.Reporter;

/** The reporter as stored after a successful mutation. */
record ReporterPayload(Reporter reporter) implements ReporterResult {}
