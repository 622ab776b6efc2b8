package scale

import (
	"context"
	"errors"
	"fmt"
	"github.com/gloamdev/gloam/internal/wait"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultName is the namespace of the streams, buckets and subjects of a
// bot when its Options leave Name empty.
const DefaultName = "gloam"

// Connect connects to the NATS server at url for a process of the bot:
// it reconnects forever, buffering what it publishes meanwhile, so that a
// restarted NATS server is found again without the process's help. name
// identifies the connection in the server's monitoring.
func Connect(url, name string) (*nats.Conn, error) {
	nc, err := nats.Connect(url,
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.ReconnectJitter(100*time.Millisecond, time.Second),
		nats.RetryOnFailedConnect(true),
	)
	if err != nil {
		return nil, fmt.Errorf("scale: connect to %s: %w", url, err)
	}
	return nc, nil
}

// names are the names of a bot's streams, buckets and subjects.
type names struct {
	base string
}

func namesOf(name string) names {
	if name == "" {
		name = DefaultName
	}
	return names{base: name}
}

func (n names) identifyBucket() string { return n.base + "_identify" }
func (n names) leaseBucket() string    { return n.base + "_leases" }
func (n names) sessionBucket() string  { return n.base + "_sessions" }
func (n names) metaBucket() string     { return n.base + "_meta" }
func (n names) stream() string         { return n.base + "_events" }
func (n names) subjects() string       { return n.base + ".events.>" }
func (n names) subject(partition int) string {
	return n.base + ".events." + strconv.Itoa(partition)
}

// bucket binds the key-value bucket cfg names, creating it when missing.
func bucket(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig) (jetstream.KeyValue, error) {
	kv, err := js.KeyValue(ctx, cfg.Bucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		kv, err = js.CreateKeyValue(ctx, cfg)
		if errors.Is(err, jetstream.ErrBucketExists) {
			kv, err = js.KeyValue(ctx, cfg.Bucket)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("scale: bucket %s: %w", cfg.Bucket, err)
	}
	return kv, nil
}

// retry runs f until it succeeds or ctx is done, waiting a little longer
// after each failure (NATS restarting, a leader election), up to max.
func retry(ctx context.Context, max time.Duration, f func() error) error {
	delay := 50 * time.Millisecond
	for {
		err := f()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := wait.Sleep(ctx, delay); err != nil {
			return err
		}
		delay = min(delay*2, max)
	}
}
