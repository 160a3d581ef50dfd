import java.time.Duration;
import java.util.*;
import java.io.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain Java consumer as application code writes it, for the diagnosis fixtures
 * (scripts/fixture-scenarios.ts): poll, process each record with a fixed cost (Thread.sleep),
 * auto-commit (every 5 s, the client default). A record whose value starts with a 0x00 byte
 * cannot be "deserialized": the loop seeks back to it and retries it after a 500 ms back-off
 * (Spring Kafka's DefaultErrorHandler with an unlimited FixedBackOff does the same), skipping
 * the rest of that partition's records in this poll while the other partitions go on.
 * Args: bootstrap topic group maxPollRecords costMs. Prints "assigned N" once it owns partitions.
 */
public class RipcordTurnConsumer {
  private static volatile boolean closing = false;

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", args[0]);
    p.put("group.id", args[2]);
    p.put("max.poll.records", args[3]);
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    long cost = Long.parseLong(args[4]);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      // Leave the group cleanly when the parent closes stdin (the drill's cleanup, or the parent dying).
      Thread watch = new Thread(() -> {
        try { while (System.in.read() >= 0) { } } catch (IOException e) { }
        closing = true;
        c.wakeup();
      });
      watch.setDaemon(true);
      watch.start();
      c.subscribe(List.of(args[1]));
      boolean announced = false;
      while (!closing) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = c.poll(Duration.ofMillis(500));
        } catch (org.apache.kafka.common.errors.WakeupException e) {
          break;
        }
        if (!announced && !c.assignment().isEmpty()) {
          System.out.println("assigned " + c.assignment().size());
          System.out.flush();
          announced = true;
        }
        Set<TopicPartition> retrying = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (closing) break;
          if (retrying.contains(tp)) continue;
          byte[] v = r.value();
          if (v != null && v.length > 0 && v[0] == 0) {
            c.seek(tp, r.offset());
            retrying.add(tp);
            Thread.sleep(500);
            continue;
          }
          if (cost > 0) Thread.sleep(cost);
        }
      }
    }
  }
}
