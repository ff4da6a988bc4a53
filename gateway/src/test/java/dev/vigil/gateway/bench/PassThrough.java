package dev.vigil.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The broker's own pass-through rate, the yardstick for the gateway's stored rate: the same sealed
 * messages, the same publishers, the same broker, received at QoS 1 by subscribers that only count.
 * The subscribers mirror the gateway's telemetry side (as many connections, the same receive
 * maximum, a shared subscription on an external broker), so the ratio compares like with like.
 *
 * <p>The messages go to {@code bench/v1/d/<id>/up/pos} instead of {@code vigil/v1/...}: same topic
 * length, and the gateway under test never sees them.
 */
final class PassThrough {
  static final String PREFIX = "bench/";

  /** How the counting side connects: like the gateway's telemetry connections. */
  record Subscribers(int connections, int receiveMaximum, boolean shared) {}

  private PassThrough() {}

  /**
   * Publishes {@code load} (re-topicked) and returns messages per second counted at the far end;
   * {@code pass} tells this pass's client ids and share group from another's.
   */
  static double rate(
      String url,
      String run,
      String pass,
      int publishers,
      IngestBench.Load load,
      Subscribers subscribers,
      int ahead)
      throws Exception {
    IngestBench.Load raw = retopic(load);
    LongAdder counted = new LongAdder();
    String tag = "bench-" + run + "-"; // device ids of this run: other runs may share the broker
    List<MqttClient> clients = new ArrayList<>();
    for (int i = 0; i < subscribers.connections(); i++) {
      clients.add(subscribe(url, run + pass, i, subscribers, tag, counted));
    }
    long start = System.nanoTime();
    IngestBench.publish(url, run + pass, publishers, raw, 0, new Credit(counted::sum, ahead));
    double seconds = IngestBench.awaitCount(counted::sum, raw.size(), start, "pass-through");
    for (MqttClient client : clients) {
      client.disconnect();
      client.close();
    }
    return counted.sum() / seconds;
  }

  private static MqttClient subscribe(
      String url, String run, int index, Subscribers subscribers, String tag, LongAdder counted)
      throws Exception {
    MqttClient client =
        new MqttClient(url, "bench-count-" + run + "-" + index, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    // Like the gateway: the session outlives a dropped connection, which a loaded machine sees.
    options.setCleanStart(true);
    options.setSessionExpiryInterval(300L);
    options.setAutomaticReconnect(true);
    options.setReceiveMaximum(subscribers.receiveMaximum());
    client.connect(options);
    String filter = PREFIX + "v1/d/+/up/pos";
    if (subscribers.shared()) {
      filter = "$share/bench-count-" + run + "/" + filter;
    }
    // A callback, not a per-subscription listener: Paho matches listeners against the topic filter,
    // which a $share/... filter never matches.
    client.setCallback(new Counter(tag, counted));
    client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    return client;
  }

  /** Counts this run's messages; Paho acknowledges each when this returns. */
  private record Counter(String tag, LongAdder counted) implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (topic.contains(tag)) {
        counted.increment();
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  private static IngestBench.Load retopic(IngestBench.Load load) {
    List<String> topics = new ArrayList<>(load.size());
    for (String topic : load.topics()) {
      topics.add(PREFIX + topic.substring(topic.indexOf('/') + 1));
    }
    return new IngestBench.Load(topics, load.payloads());
  }
}
