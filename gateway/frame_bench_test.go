package gateway

import (
	"math/rand/v2"
	"testing"

	"github.com/gloamdev/gloam/model"
)

// BenchmarkFrameDecode measures the shard's side of the frame path alone:
// decompress one message, copy the payload into its own bytes and read
// the envelope. Payloads are about 600 bytes, the size of a typical
// MESSAGE_CREATE.
func BenchmarkFrameDecode(b *testing.B) {
	for _, c := range []Compression{ZlibStream, ZstdStream, NoCompression} {
		b.Run(string(c), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(9, 10))
			const n = 1024
			var w streamWriter
			if c != NoCompression {
				w = newWriter(c)
			}
			msgs := make([][]byte, n)
			size := 0
			for i := range msgs {
				p := payload(rng, i+1, 500+rng.IntN(200))
				size += len(p)
				if w != nil {
					p = w.write(p)
				}
				msgs[i] = p
			}
			b.SetBytes(int64(size / n))
			b.ReportAllocs()
			b.ResetTimer()
			var d frameDecoder
			defer func() { d.close() }()
			for i := range b.N {
				if i%n == 0 {
					// A new connection: the stream starts over.
					d.close()
					d = frameDecoder{inf: newInflater(c, 0)}
				}
				buf := append(d.buffer(), msgs[i%n]...)
				p, err := d.decode(buf)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := model.ParseEvent(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
