package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/flate" // faster than compress/flate on a bytes.Reader
	"github.com/klauspost/compress/zstd"
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

// inflater undoes the transport compression of one connection. A new one
// is made for every connection.
type inflater interface {
	// complete reports whether msg, the bytes received so far, ends a
	// gateway payload.
	complete(msg []byte) bool
	// inflate appends the payload in msg to out. After an error the
	// inflater is unusable and the connection must be dropped.
	inflate(out, msg []byte) ([]byte, error)
}

func newInflater(c Compression) inflater {
	switch c {
	case ZlibStream:
		return &zlibInflater{}
	case ZstdStream:
		return &zstdInflater{}
	}
	return nil
}

// source feeds one message to the zstd decoder. Asked for bytes past the
// end of the message, it panics with drained: the decoder wants the next
// message, so this one is fully decoded.
type source struct {
	b []byte
}

// drained is the panic value of a source read past its end.
type drained struct{}

func (s *source) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		if len(p) == 0 {
			return 0, nil
		}
		panic(drained{})
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}

func (s *source) ReadByte() (byte, error) {
	if len(s.b) == 0 {
		panic(drained{})
	}
	c := s.b[0]
	s.b = s.b[1:]
	return c, nil
}

// readAll reads r into out until r reads past the end of src, which ends
// the message, or fails.
//
// Reading until the decoder asks for more input is what tells a zstd
// message is over: a zstd stream flushed at the end of a message holds
// all of its output by then, and the decoder asks for input only between
// blocks, where no state is lost if the read never returns. The
// panic unwinds out of the decoder before it changes any state, and the
// next message carries on from the same point.
func readAll(r io.Reader, out []byte) (res []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(drained); !ok {
				panic(v)
			}
			res, err = out, nil
		}
	}()
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		n, err := r.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF // the stream may never end
			}
			return out, err
		}
	}
}

// zlibWindow is the deflate window: a back-reference reaches at most this
// far into the output before it.
const zlibWindow = 32 << 10

// zlibHistMax bounds the history buffer: the last zlibWindow bytes are
// moved to its front only when it fills, so each output byte is copied
// about once more on average, not once per message.
const zlibHistMax = 2 * zlibWindow

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
// message; the decoder's state needs no keeping across the boundary.
type zlibInflater struct {
	br      bytes.Reader // the message being decoded
	fr      io.ReadCloser
	hist    []byte // the output so far; its last zlibWindow bytes matter
	started bool
	err     error
}

func (z *zlibInflater) complete(msg []byte) bool { return bytes.HasSuffix(msg, syncFlush) }

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
	z.br.Reset(msg)
	dict := z.hist[max(0, len(z.hist)-zlibWindow):]
	if z.fr == nil {
		z.fr = flate.NewReaderDict(&z.br, dict)
	} else if err := z.fr.(flate.Resetter).Reset(&z.br, dict); err != nil {
		return out, z.fail("zlib-stream", err)
	}
	n := len(out)
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		m, err := z.fr.Read(out[len(out):cap(out)])
		out = out[:len(out)+m]
		if err == nil {
			continue
		}
		if err == io.EOF {
			// A final block: the stream is over, yet it never ends.
			return out, z.fail("zlib-stream ended", nil)
		}
		if err != io.ErrUnexpectedEOF || z.br.Len() != 0 {
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

// zstdMaxWindow bounds the window a zstd-stream may ask for: the decoder
// allocates it, so a hostile stream must not choose it freely.
const zstdMaxWindow = 32 << 20

// zstdInflater is zstd-stream: one zstd frame for the connection's life,
// each WebSocket message a whole payload in one or more blocks.
type zstdInflater struct {
	src source
	dec *zstd.Decoder
	err error
}

func (z *zstdInflater) complete([]byte) bool { return true }

func (z *zstdInflater) inflate(out, msg []byte) ([]byte, error) {
	if z.err != nil {
		return out, z.err
	}
	if len(msg) == 0 {
		z.err = fmt.Errorf("%w: zstd-stream: empty message", ErrDecompress)
		return out, z.err
	}
	z.src.b = msg
	if z.dec == nil {
		dec, err := zstd.NewReader(nil,
			zstd.WithDecoderConcurrency(1), // synchronous: no goroutines, blocks decoded on Read
			zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(zstdMaxWindow),
			zstd.WithDecoderMaxMemory(1<<30),
		)
		if err != nil {
			z.err = fmt.Errorf("%w: zstd-stream: %v", ErrDecompress, err)
			return out, z.err
		}
		if err := dec.Reset(&z.src); err != nil {
			z.err = fmt.Errorf("%w: zstd-stream: %v", ErrDecompress, err)
			return out, z.err
		}
		z.dec = dec
	}
	n := len(out)
	out, err := readAll(z.dec, out)
	if err != nil {
		z.close()
		z.err = fmt.Errorf("%w: zstd-stream: %v", ErrDecompress, err)
		return out, z.err
	}
	if len(z.src.b) != 0 || len(out) == n {
		z.close()
		z.err = fmt.Errorf("%w: zstd-stream: message not decoded whole", ErrDecompress)
		return out, z.err
	}
	return out, nil
}

func (z *zstdInflater) close() {
	if z.dec != nil {
		z.dec.Close()
		z.dec = nil
	}
}

var errUnknownCompression = errors.New("gateway: unknown compression")
