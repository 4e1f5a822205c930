package dev.orgraph.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with the Bolt connector bound to 127.0.0.1.
 *
 * <p>Arguments: {@code --port N --data DIR [--pagecache SIZE] [--tx-memory SIZE] [--exit-on-stdin-eof]}.
 * Prints one line {@code ORGRAPH_NEO4J_READY bolt://127.0.0.1:N} once Bolt accepts connections, so
 * the Node side knows when to connect. With {@code --exit-on-stdin-eof} the JVM shuts down when its
 * parent goes away (the pipe closes), so a killed test run leaves no orphaned JVM.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int port = Integer.parseInt(options.getOrDefault("port", "7687"));
    Path data = Path.of(options.getOrDefault("data", ".orgraph/neo4j")).toAbsolutePath();
    long pageCache = bytes(options.getOrDefault("pagecache", "512m"));
    long txMemory = bytes(options.getOrDefault("tx-memory", "1g"));
    Files.createDirectories(data);

    final DatabaseManagementService dbms;
    try {
      dbms =
          new DatabaseManagementServiceBuilder(data)
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
              .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
              .setConfig(HttpConnector.enabled, false)
              .setConfig(GraphDatabaseSettings.auth_enabled, false)
              .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
              .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemory)
              .build();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      String message = String.valueOf(root.getMessage());
      if (message.toLowerCase().contains("lock")) {
        System.err.println(
            "ORGRAPH_NEO4J_ERROR store at " + data + " is locked: another Neo4j is using it (" + message + ")");
        System.exit(3);
      }
      System.err.println("ORGRAPH_NEO4J_ERROR " + message);
      e.printStackTrace();
      System.exit(2);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  stopped.countDown();
                },
                "orgraph-neo4j-shutdown"));

    // Waiting for the default database makes "ready" mean queries will succeed, not just that the port is open.
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
    System.out.println("ORGRAPH_NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    if (options.containsKey("exit-on-stdin-eof")) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  InputStream in = System.in;
                  while (in.read() != -1) {
                    // Drain: anything the parent writes is ignored; only end-of-file matters.
                  }
                } catch (IOException ignored) {
                  // A broken pipe means the parent is gone, as does end-of-file.
                }
                System.exit(0);
              },
              "orgraph-parent-watch");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + arg);
      String key = arg.substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        options.put(key, args[++i]);
      } else {
        options.put(key, "true");
      }
    }
    return options;
  }

  private static long bytes(String size) {
    String s = size.trim().toLowerCase();
    long unit = 1;
    char last = s.charAt(s.length() - 1);
    if (last == 'k') unit = ByteUnit.kibiBytes(1);
    if (last == 'm') unit = ByteUnit.mebiBytes(1);
    if (last == 'g') unit = ByteUnit.gibiBytes(1);
    if (unit != 1) s = s.substring(0, s.length() - 1);
    return Long.parseLong(s) * unit;
  }
}
