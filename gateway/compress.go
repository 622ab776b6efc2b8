package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

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

// zlibHistMax bounds the history buffer: the last zlibWindow bytes are
// moved to its front only when it fills, so each output byte is copied
// about four more times on average, not once per message; an idle
// connection that has been busy keeps 40 KiB, not twice the window.
const zlibHistMax = zlibWindow + 8<<10

// zlibInflater is zlib-stream: one deflate stream for the connection's
// life after a two-byte zlib header, each message ending with a sync
// flush (an empty stored block, 00 00 ff ff). The adler-32 trailer comes
// only at the end of a stream, which never ends, so raw deflate is read
// and no checksum is checked.
//
// A sync flush ends a message on a deflate block boundary, so all the
// next message needs of the past is the output's last 32 KiB, which
// back-references may reach into. Each message is decoded by resetting
// the decompressor onto that message's bytes with this history as its
// dictionary, and reading until it runs out of input. Running out exactly
// at the end of the bytes, after a sync flush, is the normal end of a
// message; the decoder's state needs no keeping across the boundary, so
// decompressors are shared by all connections (flatePool) and each keeps
// only its history.
type zlibInflater struct {
	limit   int    // the largest payload
	hist    []byte // the output so far; its last zlibWindow bytes matter
	started bool
	err     error
}

// flateReader is a deflate decompressor over the bytes of one message.
type flateReader struct {
	br bytes.Reader
	fr io.ReadCloser
}

// flatePool holds the decompressors of zlib-stream, about 40 KiB each
// (their own copy of the window, and Huffman tables), shared by all
// connections since none keeps state between messages.
var flatePool sync.Pool

func (z *zlibInflater) complete(msg []byte) bool { return bytes.HasSuffix(msg, syncFlush) }

func (z *zlibInflater) close() { z.hist = nil }

func (z *zlibInflater) inflate(out, msg []byte) ([]byte, error) {
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
	dict := z.hist[max(0, len(z.hist)-zlibWindow):]
	r, _ := flatePool.Get().(*flateReader)
	if r == nil {
		r = &flateReader{}
		r.br.Reset(msg)
		r.fr = flate.NewReaderDict(&r.br, dict)
	} else {
		r.br.Reset(msg)
		if err := r.fr.(flate.Resetter).Reset(&r.br, dict); err != nil {
			return out, z.fail("zlib-stream", err)
		}
	}
	defer func() {
		r.br.Reset(nil)
		flatePool.Put(r)
	}()
	n := len(out)
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		m, err := r.fr.Read(out[len(out):min(cap(out), n+z.limit+1)])
		out = out[:len(out)+m]
		if len(out)-n > z.limit {
			z.err = overLimit(ZlibStream, z.limit)
			z.hist = nil
			return out[:n], z.err
		}
		if err == nil {
			continue
		}
		if err == io.EOF {
			// A final block: the stream is over, yet it never ends.
			return out, z.fail("zlib-stream ended", nil)
		}
		if err != io.ErrUnexpectedEOF || r.br.Len() != 0 {
			return out, z.fail("zlib-stream", err)
		}
		break // out of input: the message is whole
	}
	if len(out) == n {
		return out, z.fail("zlib-stream: message without payload", nil)
	}
	z.remember(out[n:])
	return out, nil
}

// remember adds p, a message's output, to the history.
func (z *zlibInflater) remember(p []byte) {
	if len(p) >= zlibWindow {
		z.hist = append(z.hist[:0], p[len(p)-zlibWindow:]...)
		return
	}
	if len(z.hist)+len(p) > zlibHistMax {
		keep := zlibWindow - len(p)
		z.hist = z.hist[:copy(z.hist, z.hist[len(z.hist)-keep:])]
	}
	if need := len(z.hist) + len(p); need > cap(z.hist) {
		// Grown by doubling up to its bound: a quiet connection keeps
		// a small one.
		h := make([]byte, len(z.hist), min(zlibHistMax, max(2*need, 4<<10)))
		copy(h, z.hist)
		z.hist = h
	}
	z.hist = append(z.hist, p...)
}

// fail makes the inflater unusable with a decompression error.
func (z *zlibInflater) fail(what string, err error) error {
	if err != nil {
		z.err = fmt.Errorf("%w: %s: %v", ErrDecompress, what, err)
	} else {
		z.err = fmt.Errorf("%w: %s", ErrDecompress, what)
	}
	z.hist = nil
	return z.err
}

var errUnknownCompression = errors.New("gateway: unknown compression")
