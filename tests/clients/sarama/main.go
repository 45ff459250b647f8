// Command sarama-client drives Debian's sarama 1.22 (golang-github-shopify-sarama-dev) for the
// end-to-end conformance tests (tests/e2e/test_clients_sarama.py): one subcommand per client
// operation, each printing one JSON object on stdout, sarama's own log on stderr, and exiting 1
// with the error when the operation fails.
//
// Every subcommand takes -brokers and -version ("default" keeps sarama's own default, Kafka
// 0.8.2, as a user who sets nothing gets; otherwise a Kafka version such as 2.2.0).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/Shopify/sarama"
)

// Record is one consumed message as the tests compare it.
type Record struct {
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
	Key       string `json:"key"`
	Value     string `json:"value"`
}

var subcommands = map[string]func(*options) (interface{}, error){
	"produce":           produce,
	"consume-group":     consumeGroup,
	"consume-manual":    consumeManual,
	"offsets":           offsets,
	"committed":         committed,
	"create-topic":      createTopic,
	"list-topics":       listTopics,
	"describe-topics":   describeTopics,
	"describe-config":   describeConfig,
	"alter-config":      alterConfig,
	"create-partitions": createPartitions,
	"delete-records":    deleteRecords,
	"delete-topic":      deleteTopic,
	"list-groups":       listGroups,
	"describe-groups":   describeGroups,
	"delete-group":      deleteGroup,
}

type options struct {
	brokers    []string
	version    string
	topic      string
	group      string
	codec      string
	prefix     string
	count      int
	partitions int
	configs    map[string]string
	offsets    map[int32]int64
	idle       time.Duration
	timeout    time.Duration
}

func main() {
	if len(os.Args) < 2 || subcommands[os.Args[1]] == nil {
		names := make([]string, 0, len(subcommands))
		for name := range subcommands {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "usage: sarama-client %s [flags]\n", strings.Join(names, "|"))
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	brokers := flags.String("brokers", "127.0.0.1:9092", "bootstrap brokers, comma-separated")
	version := flags.String("version", "default", `Kafka version sarama speaks ("default": sarama's own)`)
	topic := flags.String("topic", "", "topic")
	group := flags.String("group", "", "consumer group")
	codec := flags.String("codec", "none", "compression: none, gzip, snappy, lz4 or zstd")
	prefix := flags.String("prefix", "record", "value prefix of produced records")
	count := flags.Int("count", 0, "records to produce, or most records to consume")
	partitions := flags.Int("partitions", 1, "partition count")
	configs := flags.String("config", "", "topic configs, name=value,...")
	offsetList := flags.String("offsets", "", "partition=offset,... for delete-records")
	idle := flags.Duration("idle", 3*time.Second, "a consumer stops after this long without a record")
	timeout := flags.Duration("timeout", 30*time.Second, "a consumer stops after this long in all")
	flags.Parse(os.Args[2:])

	sarama.Logger = log.New(os.Stderr, "[sarama] ", log.Ltime|log.Lmicroseconds)
	parsedOffsets, err := parseOffsets(*offsetList)
	if err != nil {
		fail(err)
	}
	result, err := subcommands[os.Args[1]](&options{
		brokers: strings.Split(*brokers, ","), version: *version, topic: *topic, group: *group,
		codec: *codec, prefix: *prefix, count: *count, partitions: *partitions,
		configs: parseConfigs(*configs), offsets: parsedOffsets, idle: *idle, timeout: *timeout,
	})
	if err != nil {
		fail(err)
	}
	json.NewEncoder(os.Stdout).Encode(result)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}

func parseConfigs(text string) map[string]string {
	configs := map[string]string{}
	for _, pair := range strings.Split(text, ",") {
		if name, value, found := strings.Cut(pair, "="); found {
			configs[name] = value
		}
	}
	return configs
}

func parseOffsets(text string) (map[int32]int64, error) {
	offsets := map[int32]int64{}
	for name, value := range parseConfigs(text) {
		partition, err := strconv.Atoi(name)
		if err != nil {
			return nil, err
		}
		offset, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return nil, err
		}
		offsets[int32(partition)] = offset
	}
	return offsets, nil
}

// config is sarama's default configuration with what every user of these operations sets: the
// Kafka version, a producer that reports successes (SyncProducer needs it), a consumer that
// starts at the oldest offset when the group has none, and errors returned, not only logged.
func (o *options) config() (*sarama.Config, error) {
	config := sarama.NewConfig()
	config.ClientID = "kibitz-sarama-test"
	if o.version != "default" {
		version, err := sarama.ParseKafkaVersion(o.version)
		if err != nil {
			return nil, err
		}
		config.Version = version
	}
	config.Producer.Return.Successes = true
	config.Consumer.Offsets.Initial = sarama.OffsetOldest
	config.Consumer.Return.Errors = true
	config.Metadata.Retry.Max = 1
	config.Admin.Timeout = 10 * time.Second
	return config, nil
}

func (o *options) client() (sarama.Client, error) {
	config, err := o.config()
	if err != nil {
		return nil, err
	}
	return sarama.NewClient(o.brokers, config)
}

func (o *options) admin() (sarama.ClusterAdmin, error) {
	config, err := o.config()
	if err != nil {
		return nil, err
	}
	return sarama.NewClusterAdmin(o.brokers, config)
}

var codecs = map[string]sarama.CompressionCodec{
	"none": sarama.CompressionNone, "gzip": sarama.CompressionGZIP, "snappy": sarama.CompressionSnappy,
	"lz4": sarama.CompressionLZ4, "zstd": sarama.CompressionZSTD,
}

// produce sends -count records "prefix-i" (key "key-i") in one SendMessages call, so they
// travel as batches compressed with -codec; it reports how many went to each partition.
func produce(o *options) (interface{}, error) {
	config, err := o.config()
	if err != nil {
		return nil, err
	}
	codec, known := codecs[o.codec]
	if !known {
		return nil, fmt.Errorf("unknown codec %q", o.codec)
	}
	config.Producer.Compression = codec
	producer, err := sarama.NewSyncProducer(o.brokers, config)
	if err != nil {
		return nil, err
	}
	defer producer.Close()
	messages := make([]*sarama.ProducerMessage, o.count)
	for index := range messages {
		messages[index] = &sarama.ProducerMessage{
			Topic: o.topic,
			Key:   sarama.StringEncoder(fmt.Sprintf("key-%d", index)),
			Value: sarama.StringEncoder(fmt.Sprintf("%s-%d", o.prefix, index)),
		}
	}
	if err := producer.SendMessages(messages); err != nil {
		return nil, err
	}
	perPartition := map[int32]int{}
	for _, message := range messages {
		perPartition[message.Partition]++
	}
	return map[string]interface{}{"produced": len(messages), "partitions": perPartition}, nil
}

// collector gathers consumed records until -count of them, -idle without one, or -timeout.
type collector struct {
	sync.Mutex
	records  []Record
	limit    int
	last     time.Time
	finished chan struct{}
	once     sync.Once
}

func newCollector(limit int) *collector {
	return &collector{limit: limit, last: time.Now(), finished: make(chan struct{})}
}

// add keeps a record unless the limit is reached; the caller marks (commits) only kept ones.
func (c *collector) add(message *sarama.ConsumerMessage) bool {
	c.Lock()
	defer c.Unlock()
	if len(c.records) >= c.limit {
		return false
	}
	c.records = append(c.records, Record{message.Partition, message.Offset, string(message.Key), string(message.Value)})
	c.last = time.Now()
	if len(c.records) >= c.limit {
		c.once.Do(func() { close(c.finished) })
	}
	return true
}

// wait returns when the limit is reached, nothing arrived for idle since the first record (or
// since the start when none came within the timeout), or timeout passed; from then on add keeps
// nothing, so no record arriving during the shutdown is reported or marked.
func (c *collector) wait(idle, timeout time.Duration) {
	defer func() {
		c.Lock()
		c.limit = len(c.records)
		c.Unlock()
	}()
	deadline := time.After(timeout)
	ticker := time.NewTicker(50 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-c.finished:
			return
		case <-deadline:
			return
		case <-ticker.C:
			c.Lock()
			quiet := len(c.records) > 0 && time.Since(c.last) > idle
			c.Unlock()
			if quiet {
				return
			}
		}
	}
}

func (c *collector) result(errors []string) interface{} {
	c.Lock()
	defer c.Unlock()
	return map[string]interface{}{"records": c.records, "errors": errors}
}

type groupHandler struct{ collector *collector }

func (handler groupHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (handler groupHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }
func (handler groupHandler) ConsumeClaim(session sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for message := range claim.Messages() {
		if handler.collector.add(message) {
			session.MarkMessage(message, "")
		}
	}
	return nil
}

// consumeGroup consumes -topic as member of -group (sarama's ConsumerGroup), marks each record
// it keeps, and closes the group, which commits the marked offsets.
func consumeGroup(o *options) (interface{}, error) {
	config, err := o.config()
	if err != nil {
		return nil, err
	}
	group, err := sarama.NewConsumerGroup(o.brokers, o.group, config)
	if err != nil {
		return nil, err
	}
	collector := newCollector(o.count)
	var errors []string
	var errorsLock sync.Mutex
	go func() {
		for err := range group.Errors() {
			errorsLock.Lock()
			errors = append(errors, err.Error())
			errorsLock.Unlock()
		}
	}()
	consuming, cancel := context.WithCancel(context.Background())
	consumed := make(chan error, 1)
	go func() {
		for consuming.Err() == nil {
			if err := group.Consume(consuming, []string{o.topic}, groupHandler{collector}); err != nil {
				consumed <- err
				return
			}
		}
		consumed <- nil
	}()
	collector.wait(o.idle, o.timeout)
	cancel()
	consumeError := <-consumed
	closeError := group.Close()
	errorsLock.Lock()
	defer errorsLock.Unlock()
	for _, err := range []error{consumeError, closeError} {
		if err != nil {
			errors = append(errors, err.Error())
		}
	}
	return collector.result(errors), nil
}

// consumeManual consumes every partition of -topic with the plain Consumer, starting where
// -group's OffsetManager says, marks each record it keeps and closes the OffsetManager, which
// commits: what a user of sarama's default version (no ConsumerGroup before Kafka 0.10.2) does.
// Without -group it reads every partition from the oldest offset and commits nothing.
func consumeManual(o *options) (interface{}, error) {
	client, err := o.client()
	if err != nil {
		return nil, err
	}
	defer client.Close()
	partitions, err := client.Partitions(o.topic)
	if err != nil {
		return nil, err
	}
	consumer, err := sarama.NewConsumerFromClient(client)
	if err != nil {
		return nil, err
	}
	var offsetManager sarama.OffsetManager
	if o.group != "" {
		if offsetManager, err = sarama.NewOffsetManagerFromClient(o.group, client); err != nil {
			return nil, err
		}
	}
	collector := newCollector(o.count)
	var errors []string
	var errorsLock sync.Mutex
	report := func(err error) {
		errorsLock.Lock()
		errors = append(errors, err.Error())
		errorsLock.Unlock()
	}
	var closers []interface{ AsyncClose() }
	for _, partition := range partitions {
		start := sarama.OffsetOldest
		var partitionManager sarama.PartitionOffsetManager
		if offsetManager != nil {
			if partitionManager, err = offsetManager.ManagePartition(o.topic, partition); err != nil {
				return nil, err
			}
			closers = append(closers, partitionManager)
			start, _ = partitionManager.NextOffset()
			go func() {
				for err := range partitionManager.Errors() {
					report(err)
				}
			}()
		}
		partitionConsumer, err := consumer.ConsumePartition(o.topic, partition, start)
		if err != nil {
			return nil, err
		}
		closers = append(closers, partitionConsumer)
		go func() {
			for message := range partitionConsumer.Messages() {
				if collector.add(message) && partitionManager != nil {
					partitionManager.MarkOffset(message.Offset+1, "")
				}
			}
		}()
		go func() {
			for err := range partitionConsumer.Errors() {
				report(err)
			}
		}()
	}
	collector.wait(o.idle, o.timeout)
	for index := len(closers) - 1; index >= 0; index-- {
		closers[index].AsyncClose()
	}
	if offsetManager != nil {
		if err := offsetManager.Close(); err != nil {
			report(err)
		}
	}
	if err := consumer.Close(); err != nil {
		report(err)
	}
	errorsLock.Lock()
	defer errorsLock.Unlock()
	return collector.result(errors), nil
}

// offsets lists each partition's oldest and newest offset (ListOffsets).
func offsets(o *options) (interface{}, error) {
	client, err := o.client()
	if err != nil {
		return nil, err
	}
	defer client.Close()
	partitions, err := client.Partitions(o.topic)
	if err != nil {
		return nil, err
	}
	result := map[int32][2]int64{}
	for _, partition := range partitions {
		oldest, err := client.GetOffset(o.topic, partition, sarama.OffsetOldest)
		if err != nil {
			return nil, err
		}
		newest, err := client.GetOffset(o.topic, partition, sarama.OffsetNewest)
		if err != nil {
			return nil, err
		}
		result[partition] = [2]int64{oldest, newest}
	}
	return result, nil
}

// committed lists -group's committed offset of each partition of -topic (OffsetFetch).
func committed(o *options) (interface{}, error) {
	client, err := o.client()
	if err != nil {
		return nil, err
	}
	defer client.Close()
	partitions, err := client.Partitions(o.topic)
	if err != nil {
		return nil, err
	}
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	response, err := admin.ListConsumerGroupOffsets(o.group, map[string][]int32{o.topic: partitions})
	if err != nil {
		return nil, err
	}
	result := map[int32]int64{}
	for partition, block := range response.Blocks[o.topic] {
		if block.Err != sarama.ErrNoError {
			return nil, block.Err
		}
		result[partition] = block.Offset
	}
	return result, nil
}

func createTopic(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	entries := map[string]*string{}
	for name, value := range o.configs {
		value := value
		entries[name] = &value
	}
	detail := &sarama.TopicDetail{NumPartitions: int32(o.partitions), ReplicationFactor: 1, ConfigEntries: entries}
	return map[string]string{"created": o.topic}, admin.CreateTopic(o.topic, detail, false)
}

// listTopics is ClusterAdmin.ListTopics: Metadata, then DescribeConfigs of every topic for the
// configs that differ from the defaults.
func listTopics(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	topics, err := admin.ListTopics()
	if err != nil {
		return nil, err
	}
	result := map[string]interface{}{}
	for name, detail := range topics {
		configs := map[string]string{}
		for config, value := range detail.ConfigEntries {
			if value != nil {
				configs[config] = *value
			}
		}
		result[name] = map[string]interface{}{
			"partitions": detail.NumPartitions, "replication_factor": detail.ReplicationFactor, "configs": configs,
		}
	}
	return result, nil
}

func describeTopics(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	metadata, err := admin.DescribeTopics([]string{o.topic})
	if err != nil {
		return nil, err
	}
	result := map[string]interface{}{}
	for _, topic := range metadata {
		result[topic.Name] = map[string]interface{}{"error": topic.Err.Error(), "partitions": len(topic.Partitions)}
	}
	return result, nil
}

func describeConfig(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	entries, err := admin.DescribeConfig(sarama.ConfigResource{Type: sarama.TopicResource, Name: o.topic})
	if err != nil {
		return nil, err
	}
	result := map[string]interface{}{}
	for _, entry := range entries {
		result[entry.Name] = map[string]interface{}{"value": entry.Value, "default": entry.Default, "read_only": entry.ReadOnly}
	}
	return result, nil
}

func alterConfig(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	entries := map[string]*string{}
	for name, value := range o.configs {
		value := value
		entries[name] = &value
	}
	return map[string]string{"altered": o.topic}, admin.AlterConfig(sarama.TopicResource, o.topic, entries, false)
}

func createPartitions(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	return map[string]int{"partitions": o.partitions}, admin.CreatePartitions(o.topic, int32(o.partitions), nil, false)
}

func deleteRecords(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	return map[string]interface{}{"deleted_before": o.offsets}, admin.DeleteRecords(o.topic, o.offsets)
}

func deleteTopic(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	return map[string]string{"deleted": o.topic}, admin.DeleteTopic(o.topic)
}

func listGroups(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	return admin.ListConsumerGroups()
}

func describeGroups(o *options) (interface{}, error) {
	admin, err := o.admin()
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	descriptions, err := admin.DescribeConsumerGroups([]string{o.group})
	if err != nil {
		return nil, err
	}
	result := map[string]interface{}{}
	for _, description := range descriptions {
		clients := []string{}
		for _, member := range description.Members {
			clients = append(clients, member.ClientId)
		}
		result[description.GroupId] = map[string]interface{}{
			"error": description.Err.Error(), "state": description.State,
			"protocol_type": description.ProtocolType, "members": clients,
		}
	}
	return result, nil
}

// deleteGroup sends DeleteGroups to the group's coordinator: sarama 1.22's ClusterAdmin has no
// DeleteConsumerGroup yet (it came in 1.23), so this is the request it later sends.
func deleteGroup(o *options) (interface{}, error) {
	client, err := o.client()
	if err != nil {
		return nil, err
	}
	defer client.Close()
	coordinator, err := client.Coordinator(o.group)
	if err != nil {
		return nil, err
	}
	response, err := coordinator.DeleteGroups(&sarama.DeleteGroupsRequest{Groups: []string{o.group}})
	if err != nil {
		return nil, err
	}
	if groupError, found := response.GroupErrorCodes[o.group]; !found || groupError != sarama.ErrNoError {
		return nil, fmt.Errorf("DeleteGroups of %q answered %v", o.group, groupError)
	}
	return map[string]string{"deleted": o.group}, nil
}
