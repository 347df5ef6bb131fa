package io.hypersweep.local;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts one open watch stream of the faulted client at a time, periodically. The test server cannot
 * resume a watch from a resource version, so the watch that reconnects after a cut is answered 410
 * Gone, which a real API server also answers for a version it no longer has: the client must list
 * again rather than silently miss what changed while it was away.
 */
final class WatchCutter implements AutoCloseable {
  private final Map<WebSocket, String> open = new ConcurrentHashMap<>();
  private final Set<String> owesGone = ConcurrentHashMap.newKeySet();
  private final SplittableRandom random;
  private final Runnable onCut;
  private final ScheduledExecutorService timer;

  WatchCutter(Duration every, long seed, Runnable onCut) {
    this.random = new SplittableRandom(seed);
    this.onCut = onCut;
    if (every == null) {
      timer = null;
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "watch-cutter");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        this::cutOne, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the watch at {@code path} reconnects after a cut, and must be answered 410 once. */
  boolean owesGone(String path) {
    return owesGone.remove(key(path));
  }

  /** The test server's answer to a watch request, with its stream registered for cutting. */
  MockResponse track(MockResponse answer, String path) {
    WebSocketListener inner = answer.getWebSocketListener();
    if (inner == null || timer == null) {
      return answer;
    }
    String key = key(path);
    return answer.withWebSocketUpgrade(
        new WebSocketListener() {
          @Override
          public void onBeforeAccept(WebSocket ws, Response response) {
            inner.onBeforeAccept(ws, response);
          }

          @Override
          public void onOpen(WebSocket ws, Response response) {
            open.put(ws, key);
            inner.onOpen(ws, response);
          }

          @Override
          public void onMessage(WebSocket ws, String text) {
            inner.onMessage(ws, text);
          }

          @Override
          public void onMessage(WebSocket ws, ByteString bytes) {
            inner.onMessage(ws, bytes);
          }

          @Override
          public void onMessage(WebSocket ws, byte[] bytes) {
            inner.onMessage(ws, bytes);
          }

          @Override
          public void onClosing(WebSocket ws, int code, String reason) {
            open.remove(ws);
            inner.onClosing(ws, code, reason);
          }

          @Override
          public void onClosed(WebSocket ws, int code, String reason) {
            open.remove(ws);
            inner.onClosed(ws, code, reason);
          }

          @Override
          public void onFailure(WebSocket ws, Throwable t, Response response) {
            open.remove(ws);
            inner.onFailure(ws, t, response);
          }
        });
  }

  private void cutOne() {
    List<Map.Entry<WebSocket, String>> streams = new ArrayList<>(open.entrySet());
    if (streams.isEmpty()) {
      return;
    }
    Map.Entry<WebSocket, String> victim = streams.get(random.nextInt(streams.size()));
    if (open.remove(victim.getKey()) != null) {
      owesGone.add(victim.getValue());
      victim.getKey().close(1000, "cut by the fault injector");
      onCut.run();
    }
  }

  /** A watch's identity across reconnects: its path and selectors, not its resource version. */
  static String key(String path) {
    int q = path.indexOf('?');
    if (q < 0) {
      return path;
    }
    StringBuilder key = new StringBuilder(path.substring(0, q));
    for (String pair : path.substring(q + 1).split("&")) {
      if (pair.startsWith("labelSelector=") || pair.startsWith("fieldSelector=")) {
        key.append('&').append(pair);
      }
    }
    return key.toString();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
