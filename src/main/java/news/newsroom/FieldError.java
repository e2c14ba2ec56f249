package news.newsroom;

/**
 * Why one input field was refused: {@code field} is its path in the mutation's arguments (e.g.
 * {@code input.body[3].text}), {@code code} a stable machine-readable reason such as {@code REQUIRED}.
 */
record FieldError(String field, String message, String code) {}
