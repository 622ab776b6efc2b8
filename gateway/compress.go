package gateway

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"

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

// source feeds one message to a decompressor. Asked for bytes past the
// end of the message, it panics with errDrained: the decompressor wants
// the next message, so this one is fully decoded.
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
// Reading until the decompressor asks for more input is what tells a
// message is over: a zlib or zstd stream flushed at the end of a message
// holds all of its output by then, and both decoders ask for input only
// between blocks, where no state is lost if the read never returns. The
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

// zlibInflater is zlib-stream: one deflate stream for the connection's
// life after a two-byte zlib header, each message ending with a sync
// flush. The adler-32 trailer never comes, so raw deflate is read.
type zlibInflater struct {
	src     source
	fr      io.ReadCloser
	started bool
	err     error
}

func (z *zlibInflater) complete(msg []byte) bool { return bytes.HasSuffix(msg, syncFlush) }

func (z *zlibInflater) inflate(out, msg []byte) ([]byte, error) {
	if z.err != nil {
		return out, z.err
	}
	if !z.complete(msg) {
		z.err = fmt.Errorf("%w: zlib-stream message without sync flush", ErrDecompress)
		return out, z.err
	}
	if !z.started {
		if len(msg) < 2 || msg[0]&0x0f != 8 || msg[0]>>4 > 7 || (uint16(msg[0])<<8|uint16(msg[1]))%31 != 0 || msg[1]&0x20 != 0 {
			z.err = fmt.Errorf("%w: bad zlib header", ErrDecompress)
			return out, z.err
		}
		msg = msg[2:]
		z.started = true
	}
	z.src.b = msg
	if z.fr == nil {
		z.fr = flate.NewReader(&z.src)
	}
	n := len(out)
	out, err := readAll(z.fr, out)
	if err != nil {
		z.err = fmt.Errorf("%w: zlib-stream: %v", ErrDecompress, err)
		return out, z.err
	}
	if len(z.src.b) != 0 || len(out) == n {
		z.err = fmt.Errorf("%w: zlib-stream: message not decoded whole", ErrDecompress)
		return out, z.err
	}
	return out, nil
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
