package news.graphql;

/**
 * A client sent an argument that cannot be used. Reported as a BAD_REQUEST GraphQL error that names the argument.
 */
public class BadInputException extends RuntimeException {

    private final String argument;

    public BadInputException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
