//go:build !js

package dashboard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
)

// bigGuild is a GUILD_CREATE of a guild with n members, presences and
// some channels and roles.
func bigGuild(n int) string {
	var b strings.Builder
	b.WriteString(`{"op":0,"s":1,"t":"GUILD_CREATE","d":{"id":"4194304","name":"big","member_count":` + fmt.Sprint(n) + `,"roles":[`)
	for i := range 20 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%d","name":"role %d","permissions":"%d","position":%d}`, 4194304+i, i, 1024+i, i)
	}
	b.WriteString(`],"channels":[`)
	for i := range 50 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%d","type":0,"name":"channel-%d","permission_overwrites":[{"id":"4194305","type":0,"allow":"1024","deny":"0"}]}`, 9000+i, i)
	}
	b.WriteString(`],"members":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"user":{"id":"%d","username":"user%d","avatar":"0123456789abcdef0123456789abcdef"},"roles":["4194305","4194306"],"joined_at":"2024-01-01T00:00:00.000000+00:00"}`, 100000+i, i)
	}
	b.WriteString(`],"presences":[`)
	for i := range n / 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"user":{"id":"%d"},"status":"online","activities":[{"name":"a game","type":0,"created_at":1700000000000}]}`, 100000+i)
	}
	b.WriteString(`]}}`)
	return b.String()
}

// BenchmarkSnapshot writes the snapshot of a cache holding a guild of
// 10,000 members; bytes are those of the snapshot.
func BenchmarkSnapshot(b *testing.B) {
	c := cache.New(memory.New(), nil)
	ev, err := model.ParseEventString(bigGuild(10000))
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Apply(0, ev); err != nil {
		b.Fatal(err)
	}
	size := 0
	snapshot(c, 1, []int{0}, func(_ int, p []byte) error { size += len(p); return nil })
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		snapshot(c, 1, []int{0}, func(_ int, p []byte) error { return nil })
	}
}
