package dev.vigil.gateway.webhook;

import dev.vigil.gateway.store.Database;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database connection kept for one line of work (the sink's inserts, or the deliverer), opened
 * again after a failure. Kept open rather than opened per statement for two reasons: a panic's
 * insert does not wait for a new connection, and an embedded H2 database that was closed (its last
 * connection gone) and is reopened by two threads at once may hand the second one a session without
 * PostgreSQL mode (seen with H2 2.3.232), where {@code ON CONFLICT} is a syntax error.
 */
final class Lane implements AutoCloseable {
  /** Work done on the lane's connection. */
  interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private final Database database;
  private Connection connection;

  Lane(Database database) {
    this.database = database;
  }

  /** Runs {@code work} in auto-commit mode; a failure closes the connection, to open anew. */
  synchronized <T> T run(Work<T> work) throws SQLException {
    try {
      return work.on(open());
    } catch (SQLException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /** Runs {@code work} in one transaction, committed when it returns. */
  synchronized <T> T inTransaction(Work<T> work) throws SQLException {
    return run(
        c -> {
          c.setAutoCommit(false);
          try {
            T result = work.on(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  /** Opens the connection now (at start, one lane after the other), if it is not open. */
  synchronized void connect() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = database.connect();
    }
  }

  private Connection open() throws SQLException {
    connect();
    return connection;
  }

  private void closeQuietly() {
    try {
      close();
    } catch (SQLException e) {
      // already broken: it is opened anew on the next use
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    Connection current = connection;
    connection = null;
    if (current != null) {
      current.close();
    }
  }
}
