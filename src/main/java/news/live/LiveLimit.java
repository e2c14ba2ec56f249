package news.live;

import graphql.ErrorClassification;

/** Refusals of the live connections' bounds ({@link LiveProperties}), as {@code extensions.code}. */
enum LiveLimit implements ErrorClassification {
    /** Too many connections from one client address, or on this instance. */
    TOO_MANY_CONNECTIONS,
    /** Too many queries and mutations executing at once on one connection. */
    TOO_MANY_OPERATIONS,
    /** Too many subscriptions running at once on one connection. */
    TOO_MANY_SUBSCRIPTIONS
}
