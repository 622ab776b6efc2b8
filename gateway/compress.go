package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/klauspost/compress/flate" // faster than compress/flate on a bytes.Reader
)

// Compression is the transport compression a shard asks the gateway for.
type Compression string

// Transport compressions. All are pure Go and behave the same natively and
// in the browser.
const (
	ZlibStream    Compression = "zlib-stream"
	ZstdStream    Compression = "zstd-stream"
	NoCompression Compression = "none"
)

// syncFlush ends every message of a zlib stream.
var syncFlush = []byte{0x00, 0x00, 0xff, 0xff}

// DefaultMaxPayloadSize is the largest payload a shard accepts, after
// decompression, when Options.MaxPayloadSize is zero: room for the
// GUILD_CREATE of a very large guild.
const DefaultMaxPayloadSize = 64 << 20

// inflater undoes the transport compression of one connection. A new one
// is made for every connection, and closed when it ends.
type inflater interface {
	// complete reports whether msg, the bytes received so far, ends a
	// gateway payload.
	complete(msg []byte) bool
	// inflate appends the payload in msg to out; when msg holds no
	// whole payload yet it keeps what it decoded and appends nothing.
	// After an error the inflater is unusable and the connection must be
	// dropped.
	inflate(out, msg []byte) ([]byte, error)
	// close releases what the inflater holds.
	close()
}

// newInflater returns the inflater for c, which refuses payloads over
// limit bytes (DefaultMaxPayloadSize when limit <= 0), or nil when c is
// NoCompression.
func newInflater(c Compression, limit int) inflater {
	if limit <= 0 {
		limit = DefaultMaxPayloadSize
	}
	switch c {
	case ZlibStream:
		return &zlibInflater{limit: limit}
	case ZstdStream:
		return &zstdInflater{limit: limit}
	}
	return nil
}

// overLimit is the error of a payload that inflates past limit bytes.
func overLimit(c Compression, limit int) error { return &limitError{comp: c, limit: limit} }

// zlibWindow is the deflate window: a back-reference reaches at most this
// far into the output before it.
const zlibWindow = 32 << 10

// zlibIdle is how long a connection keeps its decompressor without
// messages: between one and two of it.
const zlibIdle = 50 * time.Millisecond

// zlibInflater is zlib-stream: one deflate stream for the connection's
// life after a two-byte zlib header, each message ending with a sync
// flush (an empty stored block, 00 00 ff ff). The adler-32 trailer comes
// only at the end of a stream, which never ends, so raw deflate is read
// and no checksum is checked.
//
// A sync flush ends a message on a deflate block boundary, so all the
// next message needs of the past is the output's last 32 KiB, which
// back-references may reach into. A busy connection keeps its
// decompressor from message to message, reading each message where the
// last one ended; once idle for zlibIdle it gives it back to flateFree,
// shared by all connections, keeping only the history, and the next
// message takes one from there and resets it with the history as its
// dictionary (a copy of 32 KiB). An idle connection so holds only its
// history, which grows with the output up to 32 KiB.
type zlibInflater struct {
	limit   int // the largest payload
	started bool
	err     error

	mu     sync.Mutex   // guards what follows: inflate and the idle timer share it
	hist   []byte       // the output's last zlibWindow bytes; a ring once full
	wr     int          // where the ring's next byte goes, once it is full
	kept   *flateReader // the decompressor, at a message boundary, or nil
	pos    int          // where its window's next byte goes, modulo zlibWindow
	used   bool         // a message came since the timer last fired
	idle   *time.Timer  // runs idleCheck while kept is not nil
	closed bool
}

// flateReader is a deflate decompressor over the bytes of one message.
type flateReader struct {
	br bytes.Reader
	fr io.ReadCloser
}

// flateFree holds decompressors of zlib-stream that idle connections gave
// back, about 40 KiB each (their own copy of the window, and Huffman
// tables), for the next connection that gets busy. It is bounded, so that
// when many connections go idle at once, as all shards do after they
// connect, the ones it has no room for go to the garbage collector rather
// than stay for connections that may stay idle; and it holds enough that
// many shards with sparse traffic, each busy now and then, seldom
// allocate one.
var flateFree = make(chan *flateReader, 32)

func (z *zlibInflater) complete(msg []byte) bool { return bytes.HasSuffix(msg, syncFlush) }

func (z *zlibInflater) close() {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.closed = true
	if z.idle != nil {
		z.idle.Stop()
	}
	z.giveBack()
	z.hist = nil
}

// giveBack puts the kept decompressor in flateFree, if it has room.
func (z *zlibInflater) giveBack() {
	if z.kept != nil {
		z.kept.br.Reset(nil)
		select {
		case flateFree <- z.kept:
		default:
		}
		z.kept = nil
	}
}

// idleCheck runs on the timer: a connection that had no message since
// the last run gives its decompressor back.
func (z *zlibInflater) idleCheck() {
	z.mu.Lock()
	defer z.mu.Unlock()
	switch {
	case z.closed || z.kept == nil:
	case z.used:
		z.used = false
		z.idle.Reset(zlibIdle)
	default:
		z.giveBack()
	}
}

// reader returns the decompressor to read msg with: the kept one, which
// goes on where the last message ended, or one from flateFree (or a new
// one) reset with the history.
func (z *zlibInflater) reader(msg []byte) (*flateReader, error) {
	if r := z.kept; r != nil {
		r.br.Reset(msg)
		return r, nil
	}
	var s *scratch
	dict := z.hist
	if len(z.hist) == zlibWindow && z.wr != 0 {
		s = getScratch()
		dict = append(append(s.b[:0], z.hist[z.wr:]...), z.hist[:z.wr]...)
	}
	z.pos = len(dict) % zlibWindow
	var r *flateReader
	select {
	case r = <-flateFree:
	default:
	}
	var err error
	if r == nil {
		r = &flateReader{}
		r.br.Reset(msg)
		r.fr = flate.NewReaderDict(&r.br, dict)
	} else {
		r.br.Reset(msg)
		err = r.fr.(flate.Resetter).Reset(&r.br, dict)
	}
	if s != nil {
		s.put(dict)
	}
	return r, err
}

func (z *zlibInflater) inflate(out, msg []byte) ([]byte, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.err != nil {
		return out, z.err
	}
	if !z.complete(msg) {
		return out, z.fail("zlib-stream message without sync flush", nil)
	}
	if !z.started {
		if len(msg) < 2 || msg[0]&0x0f != 8 || msg[0]>>4 > 7 || (uint16(msg[0])<<8|uint16(msg[1]))%31 != 0 || msg[1]&0x20 != 0 {
			return out, z.fail("bad zlib header", nil)
		}
		msg = msg[2:]
		z.started = true
	}
	r, err := z.reader(msg)
	if err != nil {
		z.kept = r
		return out, z.fail("zlib-stream", err)
	}
	// r is the kept decompressor from here on, given back or kept at the
	// end.
	wasKept := z.kept != nil
	z.kept = r
	n := len(out)
	atFlush := false
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		buf := out[len(out):min(cap(out), n+z.limit+1)]
		m, err := r.fr.Read(buf)
		out = out[:len(out)+m]
		z.pos = (z.pos + m) % zlibWindow
		if len(out)-n > z.limit {
			z.err = overLimit(ZlibStream, z.limit)
			z.giveBack()
			z.hist = nil
			return out[:n], z.err
		}
		if err == nil {
			// The decompressor returns what it has at a sync flush, when
			// its window is full (pos is then 0) or when buf is full. A
			// return for none of the latter two, with the bytes all
			// read, is the flush that ends the message: the
			// decompressor is between blocks, with no bits pending, and
			// can read the next message on.
			atFlush = m < len(buf) && z.pos != 0 && r.br.Len() == 0
			if atFlush {
				break
			}
			continue
		}
		if err == io.EOF {
			// A final block: the stream is over, yet it never ends.
			return out, z.fail("zlib-stream ended", nil)
		}
		if err != io.ErrUnexpectedEOF || r.br.Len() != 0 {
			return out, z.fail("zlib-stream", err)
		}
		break // out of input: the message is whole, the decompressor spent
	}
	if len(out) == n {
		return out, z.fail("zlib-stream: message without payload", nil)
	}
	z.remember(out[n:])
	r.br.Reset(nil)
	if !atFlush {
		z.giveBack() // reset before its next use
		return out, nil
	}
	z.used = true
	if !wasKept {
		if z.idle == nil {
			z.idle = time.AfterFunc(zlibIdle, z.idleCheck)
		} else {
			z.idle.Reset(zlibIdle)
		}
	}
	return out, nil
}

// remember adds p, a message's output, to the history.
func (z *zlibInflater) remember(p []byte) {
	if len(p) >= zlibWindow {
		if cap(z.hist) < zlibWindow {
			z.hist = make([]byte, zlibWindow)
		}
		z.hist = z.hist[:zlibWindow]
		copy(z.hist, p[len(p)-zlibWindow:])
		z.wr = 0
		return
	}
	if len(z.hist) < zlibWindow {
		if need := len(z.hist) + len(p); need > cap(z.hist) {
			// Grown by doubling up to the window: a quiet connection
			// keeps a small one.
			h := make([]byte, len(z.hist), min(zlibWindow, max(2*need, 4<<10)))
			copy(h, z.hist)
			z.hist = h
		}
		k := min(len(p), zlibWindow-len(z.hist))
		z.hist = append(z.hist, p[:k]...)
		p = p[k:]
		z.wr = 0
		if len(p) == 0 {
			return
		}
	}
	// Full: a ring, its oldest byte at wr.
	k := copy(z.hist[z.wr:], p)
	k += copy(z.hist, p[k:])
	z.wr = (z.wr + k) % zlibWindow
}

// fail makes the inflater unusable with a decompression error.
func (z *zlibInflater) fail(what string, err error) error {
	if err != nil {
		z.err = fmt.Errorf("%w: %s: %v", ErrDecompress, what, err)
	} else {
		z.err = fmt.Errorf("%w: %s", ErrDecompress, what)
	}
	z.giveBack()
	z.hist = nil
	return z.err
}

var errUnknownCompression = errors.New("gateway: unknown compression")
