// Real consumer-group members for the integration tests, on the Kafka classpath the local
// harness resolves (run as a single source file: `java -cp <classpath> GroupMembers.java …`).
//
//   args: bootstrap groupId protocol(classic|consumer) topic[,topic…]
//   stdin: "join NAME [GROUP]" | "leave NAME" | "quit"   (GROUP: another group than the default one)
//   stdout: lines starting "@@ " (everything else is Kafka's own logging):
//           "@@ joined NAME", "@@ assigned NAME t-0,t-1", "@@ consumed NAME N", "@@ left NAME", "@@ error …"
//
// Each member is a KafkaConsumer on its own thread: it polls, and commits synchronously after
// every poll that returned records, so committed offsets follow consumption closely.
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.io.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public class GroupMembers {
  static final Map<String, Member> members = new ConcurrentHashMap<>();

  static synchronized void say(String line) {
    System.out.println("@@ " + line);
    System.out.flush();
  }

  static final class Member implements Runnable {
    final String name;
    final KafkaConsumer<byte[], byte[]> consumer;
    final Thread thread;
    final List<String> topics;

    Member(String name, String groupId, Properties props, List<String> topics) {
      this.name = name;
      this.topics = topics;
      Properties own = new Properties();
      own.putAll(props);
      own.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
      if (groupId != null) own.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      this.consumer = new KafkaConsumer<>(own);
      this.thread = new Thread(this, "member-" + name);
    }

    public void run() {
      try {
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<String> names = new ArrayList<>();
            for (TopicPartition tp : consumer.assignment()) names.add(tp.topic() + "-" + tp.partition());
            Collections.sort(names);
            say("assigned " + name + " " + String.join(",", names));
          }
        });
        say("joined " + name);
        while (true) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
          if (!records.isEmpty()) {
            consumer.commitSync();
            say("consumed " + name + " " + records.count());
          }
        }
      } catch (WakeupException stop) {
        // leave requested
      } catch (Exception e) {
        say("error " + name + " " + e);
      } finally {
        consumer.close(Duration.ofSeconds(10));
        say("left " + name);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, args[1]);
    props.put("group.protocol", args[2]);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
    if (args[2].equals("classic")) {
      props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
      props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
    }
    List<String> topics = Arrays.asList(args[3].split(","));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split("\\s+");
      if (cmd.length == 0 || cmd[0].isEmpty()) continue;
      if (cmd[0].equals("quit")) break;
      if (cmd.length < 2) continue;
      if (cmd[0].equals("join") && !members.containsKey(cmd[1])) {
        Member m = new Member(cmd[1], cmd.length > 2 ? cmd[2] : null, props, topics);
        members.put(cmd[1], m);
        m.thread.start();
      } else if (cmd[0].equals("leave")) {
        Member m = members.remove(cmd[1]);
        if (m != null) {
          m.consumer.wakeup();
          m.thread.join(15000);
        }
      }
    }
    for (Member m : members.values()) m.consumer.wakeup();
    for (Member m : members.values()) m.thread.join(15000);
    say("quit");
  }
}
