// Command kafkago-client drives Debian's segmentio/kafka-go 0.2.1
// (golang-github-segmentio-kafka-go-dev) for the end-to-end conformance tests
// (tests/e2e/test_clients_kafka_go.py): one subcommand per client operation, each printing one
// JSON object on stdout, the library's log on stderr, and exiting 1 with the error when the
// operation fails. Everything is kafka-go's default configuration except the few latency settings
// named where they are set.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/gzip"
	"github.com/segmentio/kafka-go/lz4"
	"github.com/segmentio/kafka-go/snappy"
)

// Record is one consumed message as the tests compare it.
type Record struct {
	Partition int    `json:"partition"`
	Offset    int64  `json:"offset"`
	Key       string `json:"key"`
	Value     string `json:"value"`
}

var subcommands = map[string]func(*options) (interface{}, error){
	"create-topic": createTopic,
	"delete-topic": deleteTopic,
	"partitions":   partitions,
	"offsets":      offsets,
	"produce":      produce,
	"consume":      consume,
}

type options struct {
	broker     string
	topic      string
	group      string
	codec      string
	prefix     string
	count      int
	partitions int
	attempts   int
	idle       time.Duration
	timeout    time.Duration
	logger     *log.Logger
}

func main() {
	if len(os.Args) < 2 || subcommands[os.Args[1]] == nil {
		names := make([]string, 0, len(subcommands))
		for name := range subcommands {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "usage: kafkago-client %s [flags]\n", strings.Join(names, "|"))
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	brokers := flags.String("brokers", "127.0.0.1:9092", "bootstrap broker")
	topic := flags.String("topic", "", "topic")
	group := flags.String("group", "", "consumer group; without one, consume reads partitions 0 to -partitions-1 from the first offset")
	codec := flags.String("codec", "none", "compression: none, gzip, snappy or lz4 (kafka-go 0.2 has no zstd)")
	prefix := flags.String("prefix", "record", "value prefix of produced records")
	count := flags.Int("count", 0, "records to produce, or most records to consume")
	partitionCount := flags.Int("partitions", 1, "partition count")
	attempts := flags.Int("attempts", 3, "delivery attempts of the writer (kafka-go's default 10 only makes a refusal slower)")
	idle := flags.Duration("idle", 3*time.Second, "a consumer stops after this long without a record")
	timeout := flags.Duration("timeout", 30*time.Second, "a consumer stops after this long in all")
	flags.Parse(os.Args[2:])

	result, err := subcommands[os.Args[1]](&options{
		broker: strings.Split(*brokers, ",")[0], topic: *topic, group: *group, codec: *codec,
		prefix: *prefix, count: *count, partitions: *partitionCount, attempts: *attempts,
		idle: *idle, timeout: *timeout, logger: log.New(os.Stderr, "[kafka-go] ", log.Ltime|log.Lmicroseconds),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(result)
}

func (o *options) dial() (*kafka.Conn, error) {
	return kafka.Dial("tcp", o.broker)
}

// createTopic sends CreateTopics v0 (kafka-go treats "already exists" as success).
func createTopic(o *options) (interface{}, error) {
	connection, err := o.dial()
	if err != nil {
		return nil, err
	}
	defer connection.Close()
	topic := kafka.TopicConfig{Topic: o.topic, NumPartitions: o.partitions, ReplicationFactor: 1}
	return map[string]string{"created": o.topic}, connection.CreateTopics(topic)
}

// deleteTopic sends DeleteTopics v1.
func deleteTopic(o *options) (interface{}, error) {
	connection, err := o.dial()
	if err != nil {
		return nil, err
	}
	defer connection.Close()
	return map[string]string{"deleted": o.topic}, connection.DeleteTopics(o.topic)
}

// partitions lists the topic's partitions and leaders (Metadata v1).
func partitions(o *options) (interface{}, error) {
	connection, err := o.dial()
	if err != nil {
		return nil, err
	}
	defer connection.Close()
	found, err := connection.ReadPartitions(o.topic)
	if err != nil {
		return nil, err
	}
	result := map[int]int{}
	for _, partition := range found {
		result[partition.ID] = partition.Leader.ID
	}
	return result, nil
}

// offsets reads each partition's first and last offset from its leader (ListOffsets v1).
func offsets(o *options) (interface{}, error) {
	result := map[int][2]int64{}
	for partition := 0; partition < o.partitions; partition++ {
		connection, err := kafka.DialLeader(context.Background(), "tcp", o.broker, o.topic, partition)
		if err != nil {
			return nil, err
		}
		first, last, err := connection.ReadOffsets()
		connection.Close()
		if err != nil {
			return nil, err
		}
		result[partition] = [2]int64{first, last}
	}
	return result, nil
}

var codecs = map[string]func() kafka.CompressionCodec{
	"none":   func() kafka.CompressionCodec { return nil },
	"gzip":   func() kafka.CompressionCodec { return gzip.NewCompressionCodec() },
	"snappy": func() kafka.CompressionCodec { return snappy.NewCompressionCodec() },
	"lz4":    func() kafka.CompressionCodec { return lz4.NewCompressionCodec() },
}

// produce writes -count records "prefix-i" (key "key-i") with one Writer.WriteMessages call
// (Produce v2, spread round robin over the partitions, compressed with -codec).
func produce(o *options) (interface{}, error) {
	codec, known := codecs[o.codec]
	if !known {
		return nil, fmt.Errorf("unknown codec %q", o.codec)
	}
	writer := kafka.NewWriter(kafka.WriterConfig{
		Brokers:          []string{o.broker},
		Topic:            o.topic,
		CompressionCodec: codec(),
		MaxAttempts:      o.attempts,
		// A shorter wait for a partial batch than the default 1 s keeps the tests quick.
		BatchTimeout: 50 * time.Millisecond,
		ErrorLogger:  o.logger,
	})
	messages := make([]kafka.Message, o.count)
	for index := range messages {
		messages[index] = kafka.Message{Key: []byte(fmt.Sprintf("key-%d", index)), Value: []byte(fmt.Sprintf("%s-%d", o.prefix, index))}
	}
	writeError := writer.WriteMessages(context.Background(), messages...)
	closeError := writer.Close()
	if writeError != nil {
		return nil, writeError
	}
	if closeError != nil {
		return nil, closeError
	}
	return map[string]int{"produced": len(messages)}, nil
}

// consume reads with a Reader: in -group, committing each record (OffsetCommit v2) before
// taking it, as ReadMessage does; without a group, partition after partition from the first
// offset. It stops after -count records, -idle without one, -timeout, or as soon as the reader
// reports an error (kafka-go only logs them and retries), and closes the reader, which leaves
// the group.
func consume(o *options) (interface{}, error) {
	records := []Record{}
	errorTexts := []string{}
	deadline := time.Now().Add(o.timeout)
	readers := []kafka.ReaderConfig{}
	base := kafka.ReaderConfig{
		Brokers: []string{o.broker}, Topic: o.topic, GroupID: o.group, ErrorLogger: o.logger,
		// kafka-go waits MaxWait (default 10 s) for a full MaxBytes fetch; a short wait keeps the
		// tests quick without changing what is sent.
		MaxWait: 200 * time.Millisecond,
	}
	if o.group != "" {
		readers = append(readers, base)
	} else {
		for partition := 0; partition < o.partitions; partition++ {
			config := base
			config.Partition = partition
			readers = append(readers, config)
		}
	}
	for _, config := range readers {
		// Each partition's reader gets its own idle window: the previous one's ran out on its end.
		quietUntil := deadline
		if len(records) > 0 {
			quietUntil = earliest(time.Now().Add(o.idle), deadline)
		}
		logged := &loggedLines{}
		config.ErrorLogger = log.New(io.MultiWriter(os.Stderr, logged), "[kafka-go] ", log.Ltime|log.Lmicroseconds)
		reader := kafka.NewReader(config)
		var readerErrors int64
		for len(records) < o.count && time.Now().Before(quietUntil) && readerErrors == 0 {
			poll, cancel := context.WithDeadline(context.Background(), earliest(time.Now().Add(250*time.Millisecond), quietUntil))
			message, err := reader.FetchMessage(poll)
			cancel()
			readerErrors += reader.Stats().Errors
			if errors.Is(err, context.DeadlineExceeded) {
				continue
			}
			if err == nil && o.group != "" {
				commit, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				err = reader.CommitMessages(commit, message)
				cancel()
			}
			if err != nil {
				errorTexts = append(errorTexts, err.Error())
				break
			}
			records = append(records, Record{message.Partition, message.Offset, string(message.Key), string(message.Value)})
			quietUntil = earliest(time.Now().Add(o.idle), deadline)
		}
		if err := reader.Close(); err != nil {
			errorTexts = append(errorTexts, err.Error())
		}
		// Read after Close: the reader's goroutines, which log, have ended.
		if readerErrors > 0 {
			errorTexts = append(errorTexts, fmt.Sprintf("the reader of partition %d counted %d errors", config.Partition, readerErrors))
			errorTexts = append(errorTexts, logged.lines...)
		}
	}
	return map[string]interface{}{"records": records, "errors": errorTexts}, nil
}

func earliest(first, second time.Time) time.Time {
	if first.Before(second) {
		return first
	}
	return second
}

// loggedLines keeps what a reader logs as errors, so the JSON answer shows why it failed.
type loggedLines struct{ lines []string }

func (logged *loggedLines) Write(line []byte) (int, error) {
	logged.lines = append(logged.lines, strings.TrimSpace(string(line)))
	return len(line), nil
}
