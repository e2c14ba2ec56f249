package news.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A replica's connection handed to one public read: a statement on it that fails because the replica's connection is
 * gone (a connection-class error, or the server terminating the session) runs once more, with the same binds, on a
 * connection of the primary, and the replica is reported down.
 *
 * <p>Why: a pooled connection to a replica that was stopped or restarted a moment ago looks fine until it is used (the
 * pool validates only connections idle for more than half a second), and the polls need up to one {@code
 * poll-interval} to notice. Without this, the first reads after a replica dies would answer UNAVAILABLE although the
 * primary is up. Only statements of public reads come here (read-only, outside any transaction, their results read in
 * full by the driver before {@code execute} returns), so running one again cannot apply anything twice.
 */
final class ReplicaFallback {

    /** Gives a connection of the primary. */
    interface Primary {
        Connection connection() throws SQLException;
    }

    private ReplicaFallback() {}

    /**
     * Wraps {@code replica}; {@code down} is told of the failure that sent a statement to the primary, after which
     * the rest of this read's statements on the returned connection go to the primary too.
     */
    static Connection wrap(Connection replica, Primary primary, Consumer<SQLException> down) {
        return (Connection) Proxy.newProxyInstance(
                ReplicaFallback.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new Switching(replica, primary, down));
    }

    /** Whether {@code ex} says the connection is unusable, not that the statement was wrong. */
    static boolean connectionLost(SQLException ex) {
        for (SQLException e = ex; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null
                    && (state.startsWith("08")
                            || state.equals("57P01") // admin_shutdown: stopped, or its session terminated
                            || state.equals("57P02") // crash_shutdown
                            || state.equals("57P03"))) { // cannot_connect_now: starting or stopping
                return true;
            }
        }
        return false;
    }

    /** The connection handler: the replica's connection until a statement fails over, the primary's after. */
    private static final class Switching implements InvocationHandler {

        private final Connection replica;

        private final Primary primary;

        private final Consumer<SQLException> down;

        private Connection current;

        private Connection primaryConnection;

        Switching(Connection replica, Primary primary, Consumer<SQLException> down) {
            this.replica = replica;
            this.primary = primary;
            this.down = down;
            this.current = replica;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                closeAll();
                return null;
            }
            if (name.equals("isClosed")) {
                return current.isClosed();
            }
            Object result = call(current, method, args);
            if (result instanceof Statement statement
                    && current == replica
                    && (name.equals("prepareStatement") || name.equals("createStatement"))) {
                Class<?> type = method.getReturnType();
                return Proxy.newProxyInstance(
                        ReplicaFallback.class.getClassLoader(),
                        new Class<?>[] {type},
                        new Retrying(this, statement, method, args));
            }
            return result;
        }

        /** The primary's connection for the rest of this read, once the replica's failed with {@code ex}. */
        Connection failOver(SQLException ex) throws SQLException {
            if (primaryConnection == null) {
                down.accept(ex);
                primaryConnection = primary.connection();
                current = primaryConnection;
            }
            return primaryConnection;
        }

        private void closeAll() throws SQLException {
            SQLException failure = null;
            for (Connection connection : new Connection[] {replica, primaryConnection}) {
                if (connection == null) {
                    continue;
                }
                try {
                    connection.close();
                } catch (SQLException ex) {
                    failure = failure == null ? ex : failure;
                }
            }
            if (failure != null && primaryConnection == null) {
                throw failure;
            }
        }
    }

    /** A statement made on the replica: its binds are noted so that a failed execution can be repeated elsewhere. */
    private static final class Retrying implements InvocationHandler {

        private final Switching connection;

        private final Method made;

        private final Object[] madeWith;

        private final List<Object[]> calls = new ArrayList<>();

        private final List<Method> setters = new ArrayList<>();

        private Statement statement;

        private boolean failedOver;

        Retrying(Switching connection, Statement statement, Method made, Object[] madeWith) {
            this.connection = connection;
            this.statement = statement;
            this.made = made;
            this.madeWith = madeWith;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (!failedOver && (name.startsWith("set") || name.equals("clearParameters"))) {
                setters.add(method);
                calls.add(args);
            }
            if (!failedOver && name.startsWith("execute")) {
                try {
                    return method.invoke(statement, args);
                } catch (InvocationTargetException ex) {
                    if (!(ex.getCause() instanceof SQLException failure) || !connectionLost(failure)) {
                        throw ex.getCause();
                    }
                    Statement again = (Statement) call(connection.failOver(failure), made, madeWith);
                    for (int i = 0; i < setters.size(); i++) {
                        call(again, setters.get(i), calls.get(i));
                    }
                    try {
                        statement.close();
                    } catch (SQLException ignored) {
                        // the replica's connection is gone with it
                    }
                    statement = again;
                    failedOver = true;
                }
            }
            return call(statement, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
