//go:build !js

package bolt

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	bbolt "go.etcd.io/bbolt"
)

// Defaults of Options.
const (
	DefaultFlushInterval = 250 * time.Millisecond
	DefaultFlushRecords  = 50_000
	DefaultTimeout       = time.Second
)

// Options configure a Backend. A nil *Options, like the zero value, means
// the defaults.
type Options struct {
	// FlushInterval is how often the background flusher writes the changes
	// of the Updates that returned since its last write, in one bbolt
	// transaction. It bounds what a crash of the process or the machine
	// can lose: the Updates of the last FlushInterval, plus the time of one
	// write. 0 means DefaultFlushInterval.
	FlushInterval time.Duration

	// FlushRecords starts a write before the interval ends when this many
	// records are waiting for one. 0 means DefaultFlushRecords.
	FlushRecords int

	// Timeout is how long Open waits for another process to release the
	// file (a bbolt file is opened by one process at a time). 0 means
	// DefaultTimeout; a negative value waits for ever.
	Timeout time.Duration

	// Reset starts fresh: Open discards what the file holds, whatever its
	// schema, or replaces a file that is not a cache at all. Without it,
	// Open never discards anything and reports such files with an error.
	Reset bool

	// NoSync skips fsync after each write: a crash of the machine (not
	// only of the process) may then lose or corrupt the file. For tests.
	NoSync bool

	// Mode is the permission bits of a file Open creates. 0 means 0600.
	Mode os.FileMode

	// ReadOnly opens the file for reading only, to inspect it: Open never
	// creates, grows or writes the file, and holds bbolt's shared lock only
	// while it loads the file (a process that has it open read-write makes
	// Open wait Timeout and fail with ErrLocked). The Backend answers from
	// what the file held then; its Update returns ErrReadOnly, and Flush
	// and Close have nothing to write. A file that does not exist is an
	// error (fs.ErrNotExist), an empty file an empty cache. Reset must not
	// be set with it.
	ReadOnly bool
}

// Errors.
var (
	// ErrCorrupt is returned by Open for a file that is not a bbolt
	// database, is damaged, or is a bbolt database that is not a cache.
	// Open with Options.Reset to replace it.
	ErrCorrupt = errors.New("bolt: the file is not a valid cache")

	// ErrLocked is returned by Open when another process keeps the file
	// open for longer than Options.Timeout.
	ErrLocked = errors.New("bolt: the file is in use by another process")

	// ErrClosed is returned by Update and Flush after Close.
	ErrClosed = errors.New("bolt: backend closed")

	// ErrReadOnly is returned by Update on a Backend opened with
	// Options.ReadOnly.
	ErrReadOnly = errors.New("bolt: backend opened read-only")
)

// SchemaError is returned by Open for a cache file written by another
// version of gloam, with a layout (What "schema") or a record encoding
// (What "record") this version does not read. Open with Options.Reset to
// start fresh.
type SchemaError struct {
	What  string // "schema" or "record"
	Found int    // the version in the file
	Want  int    // the version this package reads and writes
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("bolt: the file has %s version %d, this version reads %d (Options.Reset starts fresh)",
		e.What, e.Found, e.Want)
}

// Backend is a cache.Backend in one bbolt file. Every record is kept in
// memory too, in its compact encoded form: reads never touch the disk,
// and writes reach the file in batches by a background flusher.
type Backend struct {
	db       *bbolt.DB
	path     string
	missing  []cache.Kind // kinds the file had no bucket for, when opened
	interval time.Duration
	maxDirty int
	readOnly bool // Options.ReadOnly: db is nil once Open returns

	mu     sync.RWMutex // guards the store and the dirty set; held by Update
	s      store
	d      dirty
	tx     tx
	closed bool
	failed error // the last write's error, until a write succeeds

	flushing chan struct{} // a semaphore: one write at a time
	shut     bool          // the file is closed; guarded by flushing
	kick     chan struct{} // wakes the flusher before its interval ends
	done     chan struct{} // closed by Close to stop the flusher
	stopped  chan struct{} // closed when the flusher returns
	close    sync.Once
	closeErr error
	size     atomic.Int64 // the file's size after the last write
	stats    writeStats   // see Stats
}

// Open opens the cache file at path, creating it if needed, loads what it
// holds and starts the background flusher (see Options.FlushInterval),
// which Close stops. o may be nil.
//
// Open returns ErrLocked if another process has the file open,
// *SchemaError for a file of another version, and ErrCorrupt for a file
// that is damaged or not a cache; Options.Reset starts fresh instead.
func Open(path string, o *Options) (*Backend, error) {
	var opt Options
	if o != nil {
		opt = *o
	}
	if opt.FlushInterval <= 0 {
		opt.FlushInterval = DefaultFlushInterval
	}
	if opt.FlushRecords <= 0 {
		opt.FlushRecords = DefaultFlushRecords
	}
	if opt.Timeout == 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Mode == 0 {
		opt.Mode = 0o600
	}
	if opt.ReadOnly {
		return openReadOnly(path, &opt)
	}
	db, err := openFile(path, &opt)
	if err != nil && opt.Reset && errors.Is(err, ErrCorrupt) {
		if rerr := os.Remove(path); rerr != nil {
			return nil, fmt.Errorf("bolt: open: reset %s: %w", path, rerr)
		}
		db, err = openFile(path, &opt)
	}
	if err != nil {
		return nil, err
	}
	b := &Backend{
		db:       db,
		path:     path,
		interval: opt.FlushInterval,
		maxDirty: opt.FlushRecords,
		flushing: make(chan struct{}, 1),
		kick:     make(chan struct{}, 1),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	b.s.init()
	b.tx.b = b
	if err := b.load(opt.Reset); err != nil {
		db.Close()
		return nil, err
	}
	go b.run()
	return b, nil
}

// openReadOnly loads the file at path without writing it, and lets go of
// the file before it returns.
func openReadOnly(path string, o *Options) (*Backend, error) {
	if o.Reset {
		return nil, errors.New("bolt: open: Options.Reset and Options.ReadOnly exclude each other")
	}
	b := &Backend{path: path, readOnly: true, closed: true}
	b.s.init()
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("bolt: open: %w", err)
	}
	if fi.Size() == 0 {
		return b, nil // nothing was ever written: an empty cache
	}
	db, err := openFile(path, o)
	if err != nil {
		return nil, err
	}
	b.db = db
	err = b.load(false)
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("bolt: open: %w", cerr)
	}
	b.db = nil
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Path is the file's path.
func (b *Backend) Path() string { return b.path }

// Flush writes the changes of every Update that returned before Flush was
// called, and returns once they are in the file (and synced to disk
// unless Options.NoSync). ctx bounds the wait for a write already in
// progress.
func (b *Backend) Flush(ctx context.Context) error {
	if b.readOnly {
		return nil
	}
	select {
	case b.flushing <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("bolt: flush: %w", ctx.Err())
	}
	defer func() { <-b.flushing }()
	if b.shut {
		return ErrClosed
	}
	if err := b.write(); err != nil {
		return fmt.Errorf("bolt: flush: %w", err)
	}
	return nil
}

// Close stops the flusher, writes what is left and closes the file. Reads
// keep answering from memory afterwards; Update returns ErrClosed.
func (b *Backend) Close() error {
	if b.readOnly {
		return nil // the file was closed by Open
	}
	b.close.Do(func() {
		b.mu.Lock()
		b.closed = true
		b.mu.Unlock()
		close(b.done)
		<-b.stopped
		b.flushing <- struct{}{}
		err := b.write()
		if cerr := b.db.Close(); err == nil {
			err = cerr
		}
		b.shut = true
		<-b.flushing
		if err != nil {
			b.closeErr = fmt.Errorf("bolt: close: %w", err)
		}
	})
	return b.closeErr
}

// run is the flusher: it writes the waiting changes every interval, or
// sooner when many are waiting, until Close.
func (b *Backend) run() {
	defer close(b.stopped)
	t := time.NewTicker(b.interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-b.kick:
		case <-b.done:
			return
		}
		select {
		case b.flushing <- struct{}{}:
		case <-b.done:
			return
		}
		b.write() // a failure is kept in b.failed and returned by Update
		<-b.flushing
	}
}

// Update runs fn in a transaction on the in-memory state; its changes are
// visible to every read once Update returns, and reach the file with the
// next write of the flusher (or Flush), whole and in order. If fn returns
// an error, or panics, its changes are undone. Update refuses to run fn,
// returning the error, while the last write to the file failed.
func (b *Backend) Update(fn func(tx cache.Tx) error) (err error) {
	if b.readOnly {
		return ErrReadOnly
	}
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return ErrClosed
	}
	if b.failed != nil {
		err := b.failed
		b.mu.Unlock()
		return fmt.Errorf("bolt: update: the last write failed: %w", err)
	}
	t := &b.tx
	t.begin()
	defer func() {
		if r := recover(); r != nil {
			t.rollback()
			t.end()
			b.mu.Unlock()
			panic(r)
		}
		if err == nil {
			err = t.err
		}
		if err != nil {
			t.rollback()
		}
		t.end()
		kick := b.d.n >= b.maxDirty
		b.mu.Unlock()
		if kick {
			select {
			case b.kick <- struct{}{}:
			default:
			}
		}
	}()
	return fn(t)
}

// Get implements cache.Reader.
func (b *Backend) Get(k cache.Key, dst cache.Record) bool {
	b.mu.RLock()
	v := b.s.get(k)
	b.mu.RUnlock()
	return v != nil && dst.UnmarshalBinary(v) == nil
}

// Scan implements cache.Reader.
func (b *Backend) Scan(kind cache.Kind, parent uint64) iter.Seq[cache.Record] {
	return b.s.scan(&b.mu, kind, parent)
}

// Count implements cache.Reader.
func (b *Backend) Count(kind cache.Kind, parent uint64) int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.s.count(kind, parent)
}

// Session implements cache.Reader.
func (b *Backend) Session(shard int) (model.Session, bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	s, ok := b.s.sessions[shard]
	return s, ok
}

// Blob implements cache.Reader.
func (b *Backend) Blob(name string) []byte {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return clone(b.s.blobs[name])
}

// Durable implements cache.Backend: it is true, a later Open of the same
// file finds what was written (within the loss window of Options.Interval
// after a crash).
func (b *Backend) Durable() bool { return true }

// Size is the size of the file's pages in use after its last write (the
// file itself may be larger: bbolt grows it ahead of need).
func (b *Backend) Size() int64 { return b.size.Load() }

func clone(v []byte) []byte {
	if len(v) == 0 {
		return nil
	}
	c := make([]byte, len(v))
	copy(c, v)
	return c
}

var _ cache.Backend = (*Backend)(nil)
