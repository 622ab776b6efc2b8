package main

import (
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func feed(t *testing.T, st *state, msgs ...string) {
	t.Helper()
	is := is.New(t)
	for _, m := range msgs {
		is.NoErr(st.handle([]byte(m))) // a feed message
	}
}

const (
	guildMsg = `{"shard":1,"op":0,"s":null,"t":"GUILD_CREATE","d":{"id":"4194305","name":"Café <b>","owner_id":"10","member_count":3,` +
		`"roles":[{"id":"4194305","name":"@everyone","permissions":"1024"},{"id":"20","name":"mod","permissions":"8192","position":1}],` +
		`"channels":[{"id":"30","type":0,"name":"general","position":1},{"id":"31","type":4,"name":"cat"},` +
		`{"id":"32","type":0,"name":"secret","position":2,"permission_overwrites":[{"id":"4194305","type":0,"allow":"0","deny":"1024"},{"id":"20","type":0,"allow":"1024","deny":"0"}]}],` +
		`"members":[{"user":{"id":"10","username":"owner"}},{"user":{"id":"11","username":"alice","global_name":"Alice"},"roles":["20"]},{"user":{"id":"12","username":"bob"},"nick":"Bobby"}]}}`
	health0 = `{"shard":0,"op":0,"s":null,"t":"GLOAM_HEALTH","d":{"state":"connected","latency_ms":12.5,"reconnects":2,"events":40,"events_per_second":3.5,"shard_count":2}}`
	health1 = `{"shard":1,"op":0,"s":null,"t":"GLOAM_HEALTH","d":{"state":"resuming","latency_ms":0,"reconnects":0,"events":1,"events_per_second":0,"shard_count":2,"last_error":"closed <4000>"}}`
	endMsg  = `{"shard":0,"op":0,"s":null,"t":"GLOAM_SNAPSHOT_END","d":{}}`
	msgMsg  = `{"shard":1,"t":"MESSAGE_CREATE","s":5,"op":0,"d":{"id":"50","channel_id":"30","guild_id":"4194305","author":{"id":"11","username":"alice"},"content":"!ping <script>"}}`
)

// TestStateRelay follows a feed: loading until the snapshot ends, then
// live events listed and counted; the views show it all.
func TestStateRelay(t *testing.T) {
	is := is.New(t)
	st := newState()
	now := time.Unix(1_700_000_000, 0)
	st.now = func() time.Time { return now }
	feed(t, st, health0, health1, guildMsg)
	v := st.view()
	is.Equal(v.conn, connLoading) // loading until the snapshot ends
	is.Equal(len(v.feed), 0)      // snapshot events are not listed
	feed(t, st, endMsg, msgMsg)
	v = st.view()
	is.Equal(v.conn, connLive) // live
	is.Equal(len(v.feed), 1)   // the live event is listed
	is.Equal(v.feed[0].Type, "MESSAGE_CREATE")
	is.Equal(v.feed[0].Shard, 1)
	is.Equal(v.feed[0].Text, "#general · Alice: !ping <script>") // described with names from the cache
	is.Equal(v.shardCount, 2)

	sh := shardsHTML(&v)
	is.True(strings.Contains(sh, `data-shard="0" data-state="connected"`)) // shard rows
	is.True(strings.Contains(sh, `12.5 ms`))
	is.True(strings.Contains(sh, `title="closed &lt;4000&gt;"`)) // escaped
	rows, total := guildsHTML(&v)
	is.Equal(total, "1")
	is.True(strings.Contains(rows, `data-guild="4194305" data-members="3" data-member-count="3" data-channels="3" data-roles="2"`)) // counts
	is.True(strings.Contains(rows, `Café &lt;b&gt;`))                                                                               // escaped name
	fh := feedHTML(&v)
	is.True(strings.Contains(fh, `data-type="MESSAGE_CREATE" data-shard="1"`))
	is.True(strings.Contains(fh, `&lt;script&gt;`)) // escaped content
	is.True(!strings.Contains(fh, `<script>`))

	// More events than the list keeps.
	for range feedLength + 10 {
		feed(t, st, msgMsg)
	}
	is.Equal(len(st.view().feed), feedLength) // the list is bounded
}

// TestRate counts events per second over the window.
func TestRate(t *testing.T) {
	is := is.New(t)
	var r rateSeries
	base := time.Unix(1_000_000, 0)
	for i := range 3 {
		r.add(base)
		_ = i
	}
	r.add(base.Add(time.Second))
	s := r.series(base.Add(2 * time.Second))
	is.Equal(len(s), rateWindow-1)
	is.Equal(s[len(s)-1], 1) // the last full second
	is.Equal(s[len(s)-2], 3) // the one before
	s = r.series(base.Add(10 * time.Second))
	is.Equal(s[len(s)-10], 3) // history moves left
	s = r.series(base.Add(rateWindow * 2 * time.Second))
	for _, c := range s {
		is.Equal(c, 0) // a long silence clears it
	}
	svg := chartSVG([]int{0, 3, 7, 1})
	is.True(strings.HasPrefix(svg, `<svg`))
	is.True(strings.Contains(svg, `data-peak="7"`))
	is.True(strings.Contains(svg, `polyline`))
	is.Equal(niceCeil(7), 10)
	is.Equal(niceCeil(120), 200)
	is.Equal(niceCeil(3), 5)
}

// TestSearchAndPermissions finds members by prefix and lists a member's
// permissions in a channel from the cache's calculator.
func TestSearchAndPermissions(t *testing.T) {
	is := is.New(t)
	st := newState()
	feed(t, st, guildMsg, endMsg)
	c := st.cache()
	ms := searchMembers(c, 4194305, "b")
	is.Equal(len(ms), 1)
	is.Equal(ms[0].Name, "Bobby") // by nick
	ms = searchMembers(c, 4194305, "AL")
	is.Equal(len(ms), 1)
	is.Equal(ms[0].ID, model.UserID(11)) // case-insensitive, by username or global name
	is.Equal(len(searchMembers(c, 4194305, "")), 3)
	is.True(strings.Contains(membersHTML(ms, 11), `data-user="11" aria-selected="true"`))

	// alice has mod, which the secret channel lets in; bob does not.
	h := permissionsHTML(c, selection{Member: 11, Channel: 32})
	is.True(strings.Contains(h, `data-bits="9216"`))              // VIEW_CHANNEL | MANAGE_MESSAGES
	is.True(strings.Contains(h, `<li data-perm="VIEW_CHANNEL">`)) // listed by name
	is.True(strings.Contains(h, `<li data-perm="MANAGE_MESSAGES">`))
	h = permissionsHTML(c, selection{Member: 12, Channel: 32})
	is.True(strings.Contains(h, `data-bits="0"`)) // bob cannot see it
	h = permissionsHTML(c, selection{Member: 10, Channel: 32})
	is.True(strings.Contains(h, "administrator")) // the owner has everything
	h = permissionsHTML(c, selection{Member: 99, Channel: 32})
	is.True(strings.Contains(h, `data-error="true"`)) // not cached

	opts, first := channelOptionsHTML(c, 4194305, 0)
	is.Equal(first, model.ChannelID(30))     // the first channel by position
	is.True(!strings.Contains(opts, "#cat")) // categories are not channels to check
	is.Equal(memberLabel(c, 4194305, 12), "Bobby (@bob)")
}

func TestBackoff(t *testing.T) {
	is := is.New(t)
	is.Equal(backoff(1, time.Second, 8*time.Second, 0), 500*time.Millisecond)
	is.Equal(backoff(3, time.Second, 8*time.Second, 0.5), 3*time.Second)
	is.Equal(backoff(10, time.Second, 8*time.Second, 0), 4*time.Second) // capped
}

// TestStateStats shows the bot's figures from a GLOAM_STATS message: not
// as an event, each figure with its value, the events and the listeners'
// time by type, and the reconnects by reason of each shard.
func TestStateStats(t *testing.T) {
	is := is.New(t)
	st := newState()
	v := st.view()
	is.True(strings.Contains(statsHTML(&v), "waiting for the bot's figures")) // none yet
	stats := `{"shard":0,"op":0,"s":null,"t":"GLOAM_STATS","d":{"taken_ms":1,"shards":2,"connected":2,"latency_ms":12.5,"waiting":3,"max_wait_ms":40,` +
		`"bad_events":0,"connects":3,"identifies":2,"resumes":1,"reconnects":{"close":1},"close_codes":{"4000":1},` +
		`"events":[{"type":"MESSAGE_CREATE","count":42},{"type":"READY","count":2}],` +
		`"listeners":[{"type":"MESSAGE_CREATE","count":40,"mean_ms":0.25,"p99_ms":1},{"type":"<b>","count":1,"mean_ms":20000,"p99_ms":null}],` +
		`"rest_requests":7,"rest_by_status":{"200":6,"429":1},"rest_rate_limited":{"user":1},"rest_invalid":1,` +
		`"cache":{"guild":5,"member":120},"cache_bytes":1048576}}`
	health := `{"shard":0,"op":0,"s":null,"t":"GLOAM_HEALTH","d":{"state":"connected","connects":2,"reconnects":1,"reconnect_reasons":{"close":1},"shard_count":2}}`
	feed(t, st, health, stats, endMsg, `{"shard":0,"op":0,"s":null,"t":"GLOAM_STATS","d":[1]}`)
	v = st.view()
	is.Equal(len(v.feed), 0) // the figures are no event
	h := statsHTML(&v)
	for _, want := range []string{
		`data-stat="connected" data-value="2"`,
		`data-stat="connects" data-value="3"`,
		`data-stat="reconnects" data-value="1"`,
		`(close 1)`,
		`data-stat="close-codes" data-value="1"`,
		`data-stat="waiting" data-value="3"`,
		`data-stat="latency-ms" data-value="12.5"`,
		`data-stat="rest-requests" data-value="7"`,
		`data-stat="rest-status-429" data-value="1"`,
		`data-stat="rest-429" data-value="1"`,
		`data-stat="cache-guild" data-value="5"`,
		`data-stat="cache-member" data-value="120"`,
		`data-stat="cache-bytes" data-value="1048576"`,
		`<tr data-type="MESSAGE_CREATE" data-count="42">`,
		`<tr data-listener="MESSAGE_CREATE" data-count="40" data-mean-ms="0.25">`,
		`<td class="num">1 ms</td>`,
		`data-listener="&lt;b&gt;"`, // escaped
		`&gt; 10 s`,                 // a p99 past the last bound
	} {
		is.True(strings.Contains(h, want)) // a figure
	}
	sh := shardsHTML(&v)
	is.True(strings.Contains(sh, `data-reconnects="1">1 <span class="muted">(close 1)</span>`)) // the shard's reconnects by reason

	st.reset("direct")
	v = st.view()
	is.True(strings.Contains(statsHTML(&v), "direct mode")) // no figures of an earlier relay
}
