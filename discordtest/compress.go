package discordtest

import (
	"bytes"

	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
)

// A compressor is the transport compression of one connection: one stream
// for the connection's whole life, each message flushed so that the client
// can decode it as soon as it arrives. It is used under the connection's
// write lock.
type compressor interface {
	// compress returns the bytes to send for p; they are valid until the
	// next call.
	compress(p []byte) ([]byte, error)
}

// zlibStream is zlib-stream: one zlib stream per connection, each message
// ending with a sync flush (00 00 ff ff). klauspost's zlib writes the same
// format as compress/zlib, several times faster.
type zlibStream struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

func newZlibStream() *zlibStream {
	z := &zlibStream{}
	z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.BestSpeed) // the level is valid
	return z
}

func (z *zlibStream) compress(p []byte) ([]byte, error) {
	z.buf.Reset()
	if _, err := z.w.Write(p); err != nil {
		return nil, err
	}
	if err := z.w.Flush(); err != nil {
		return nil, err
	}
	return z.buf.Bytes(), nil
}

// zstdStream is zstd-stream: one zstd frame per connection that never
// ends, each message flushed as its own block(s).
type zstdStream struct {
	buf bytes.Buffer
	enc *zstd.Encoder
}

func newZstdStream() (*zstdStream, error) {
	z := &zstdStream{}
	enc, err := zstd.NewWriter(&z.buf,
		zstd.WithEncoderConcurrency(1), // synchronous: no goroutines, output on Flush
		zstd.WithEncoderLevel(zstd.SpeedDefault),
		zstd.WithWindowSize(1<<20),
		zstd.WithLowerEncoderMem(true),
	)
	if err != nil {
		return nil, err
	}
	z.enc = enc
	return z, nil
}

func (z *zstdStream) compress(p []byte) ([]byte, error) {
	z.buf.Reset()
	if _, err := z.enc.Write(p); err != nil {
		return nil, err
	}
	if err := z.enc.Flush(); err != nil {
		return nil, err
	}
	return z.buf.Bytes(), nil
}

// payloadCompressMin is the smallest payload payload compression
// compresses: Discord compresses only some payloads, the big ones.
const payloadCompressMin = 1024

// zlibPayload is payload compression (compress: true in Identify): each
// big payload is a whole zlib stream of its own, with no context shared
// between payloads.
type zlibPayload struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

func (z *zlibPayload) compress(p []byte) ([]byte, error) {
	z.buf.Reset()
	if z.w == nil {
		z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.BestSpeed) // the level is valid
	} else {
		z.w.Reset(&z.buf)
	}
	if _, err := z.w.Write(p); err != nil {
		return nil, err
	}
	if err := z.w.Close(); err != nil {
		return nil, err
	}
	return z.buf.Bytes(), nil
}
