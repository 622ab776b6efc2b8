package discordtest

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gloamdev/gloam/model"
)

// The rarer routes of the API: monetization (entitlements and
// subscriptions), scheduled-event exceptions and users, lobbies, the
// partner SDK, OAuth2 keys and user info, searches, join requests and the
// rest. Each keeps its state in the objStore, as the collections do.

// idOf reads a snowflake field of a stored object.
func idOf(o map[string]any, field string) model.Snowflake {
	s, _ := o[field].(string)
	id, _ := model.ParseSnowflake(s)
	return id
}

// page answers one page of objs, ordered by the snowflake in idField, as
// Discord's before/after/limit pagination does: after gives the objects
// after an ID in ascending order, before the last ones before an ID;
// neither starts at the beginning (or, when newestFirst, at the end).
func (c *restCall) page(objs []map[string]any, idField string, def, max int, newestFirst bool) ([]map[string]any, bool) {
	limit, ok := c.queryInt("limit", def, 1, max)
	if !ok {
		return nil, false
	}
	before, ok1 := c.querySnowflake("before")
	after, ok2 := c.querySnowflake("after")
	if !ok1 || !ok2 {
		return nil, false
	}
	sort.SliceStable(objs, func(i, j int) bool { return idOf(objs[i], idField) < idOf(objs[j], idField) })
	var res []map[string]any
	for _, o := range objs {
		id := idOf(o, idField)
		if before != 0 && id >= before || after != 0 && id <= after {
			continue
		}
		res = append(res, o)
	}
	switch {
	case after != 0 || before == 0 && !newestFirst:
		if len(res) > limit {
			res = res[:limit]
		}
	default:
		if len(res) > limit {
			res = res[len(res)-limit:]
		}
		if newestFirst {
			slices.Reverse(res)
		}
	}
	if res == nil {
		res = []map[string]any{}
	}
	return res, true
}

// storeAdd appends an object to the store; the caller holds d.mu.
func (d *restData) storeAdd(kind, key string, o map[string]any) {
	if d.objects[kind] == nil {
		d.objects[kind] = map[string][]map[string]any{}
	}
	d.objects[kind][key] = append(d.objects[kind][key], o)
}

// storeList is a copy of the objects of kind under key.
func (d *restData) storeList(kind, key string) []map[string]any {
	d.mu.Lock()
	defer d.mu.Unlock()
	return cloneObjs(d.objects[kind][key])
}

// storeGet is a copy of the object of kind under key whose field holds
// value; nil when there is none.
func (d *restData) storeGet(kind, key, field, value string) map[string]any {
	d.mu.Lock()
	defer d.mu.Unlock()
	if o, _ := d.storeFind(kind, key, field, value); o != nil {
		return maps.Clone(o)
	}
	return nil
}

// answerObject answers o, or fails with unknown when o is nil.
func (c *restCall) answerObject(o map[string]any, unknown *apiError) {
	if o == nil {
		c.fail(unknown)
		return
	}
	c.json(http.StatusOK, o)
}

// storeFind finds an object by a field, and its index; the caller holds d.mu.
func (d *restData) storeFind(kind, key, field, value string) (map[string]any, int) {
	for i, o := range d.objects[kind][key] {
		if o[field] == value {
			return o, i
		}
	}
	return nil, -1
}

func (c *restCall) body(v any) bool {
	if _, err := c.decodeBody(v); err != nil {
		c.fail(err)
		return false
	}
	return true
}

func (c *restCall) ownApplication() bool {
	if model.ApplicationID(c.id("application_id")) != c.s.World().ApplicationID() {
		c.fail(errMissingAccess)
		return false
	}
	return true
}

// bearerUser is the user an OAuth2 token stands for: the bot's own user,
// as GET /oauth2/@me says.
// bearerUser is the user of the request's Bearer token: the World user
// Server.AccessToken made it for, or else the bot's owner account, which
// the fake takes to be the bot user.
func (c *restCall) bearerUser() model.User {
	w := c.s.World()
	if tok, ok := strings.CutPrefix(c.identity, "bearer:"); ok {
		if id, ok := c.rs.tokenUser(tok); ok {
			if u, ok := w.User(id); ok {
				return modelUser(u)
			}
		}
	}
	return modelUser(w.Bot())
}

// AccessToken makes an OAuth2 access token of a World user, as when the
// user authorizes the application (identify, guilds.join, gdm.join...):
// it is a Bearer token of that user for the REST API, and the
// access_token Add Guild Member, Create Group DM and Add Group DM
// Recipient take for them.
func (s *Server) AccessToken(userID model.UserID) (string, error) {
	if _, ok := s.World().User(userID); !ok {
		return "", fmt.Errorf("discordtest: access token: user %d: %w", userID, ErrUnknown)
	}
	tok := "ut" + newSessionID()
	rs := s.rest
	rs.mu.Lock()
	rs.bearer[tok] = true
	rs.userToken[tok] = userID
	rs.mu.Unlock()
	return tok, nil
}

// tokenUser is the World user an access token belongs to.
func (rs *restState) tokenUser(tok string) (model.UserID, bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	id, ok := rs.userToken[tok]
	return id, ok
}

var errInvalidAccessToken = &apiError{status: http.StatusBadRequest, Code: 50025, Message: "Invalid OAuth2 access token"}

// ---- entitlements ----

var errUnknownEntitlement = errUnknown(10029, "Entitlement")

func (c *restCall) createEntitlement() {
	if !c.ownApplication() {
		return
	}
	var p struct {
		SKUID     model.SKUID `json:"sku_id"`
		OwnerID   string      `json:"owner_id"`
		OwnerType int         `json:"owner_type"`
	}
	if !c.body(&p) {
		return
	}
	var f formErrors
	if p.SKUID == 0 {
		f.required("sku_id")
	}
	if p.OwnerType != 1 && p.OwnerType != 2 {
		f.add("owner_type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.")
	}
	owner, err := model.ParseSnowflake(p.OwnerID)
	if err != nil || owner == 0 {
		f.add("owner_id", "NUMBER_TYPE_COERCE", fmt.Sprintf("Value %q is not snowflake.", p.OwnerID))
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	w := c.s.World()
	e := map[string]any{"id": w.NewID().String(), "sku_id": p.SKUID.String(), "application_id": w.ApplicationID().String(),
		"type": 8, "deleted": false, "starts_at": nil, "ends_at": nil, "consumed": false}
	if p.OwnerType == 1 {
		if _, ok := w.Guild(model.GuildID(owner)); !ok {
			c.fail(errUnknownGuild)
			return
		}
		e["guild_id"] = owner.String()
	} else {
		if _, ok := w.User(model.UserID(owner)); !ok {
			c.fail(errUnknownUser)
			return
		}
		e["user_id"] = owner.String()
	}
	d := c.rs.data
	d.mu.Lock()
	d.storeAdd("entitlements", "", e)
	out := maps.Clone(e)
	d.mu.Unlock()
	c.rs.dispatch(0, "ENTITLEMENT_CREATE", out)
	c.json(http.StatusCreated, out)
}

func (c *restCall) listEntitlements(onlyUser model.UserID) {
	if !c.ownApplication() {
		return
	}
	q := c.r.URL.Query()
	user, guild := q.Get("user_id"), q.Get("guild_id")
	if onlyUser != 0 {
		user = onlyUser.String()
	}
	var skus []string
	if s := q.Get("sku_ids"); s != "" {
		skus = strings.Split(s, ",")
	}
	all := c.rs.data.storeList("entitlements", "")
	var objs []map[string]any
	for _, e := range all {
		switch {
		case user != "" && e["user_id"] != user, guild != "" && e["guild_id"] != guild,
			skus != nil && !slices.Contains(skus, e["sku_id"].(string)),
			q.Get("exclude_deleted") != "false" && e["deleted"] == true:
			continue
		}
		objs = append(objs, e)
	}
	out, ok := c.page(objs, "id", 100, 100, false)
	if ok {
		c.json(http.StatusOK, out)
	}
}

func (c *restCall) entitlement(do func(e map[string]any, i int)) {
	if !c.ownApplication() {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	e, i := d.storeFind("entitlements", "", "id", c.param("entitlement_id"))
	if e == nil || e["deleted"] == true {
		d.mu.Unlock()
		c.fail(errUnknownEntitlement)
		return
	}
	do(e, i)
}

// ---- SKUs and subscriptions ----

// AddSKU makes a SKU of the application, as its owner would in the
// developer portal: GET /applications/{id}/skus lists it. Subscription
// SKUs are made with their subscription group, listed too, as Discord
// does. It returns the SKU's ID.
func (s *Server) AddSKU(name string, typ model.SKUType) model.SKUID {
	w := s.World()
	app := w.ApplicationID().String()
	sku := func(id model.Snowflake, name string, typ model.SKUType, flags int) map[string]any {
		slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		return map[string]any{"id": id.String(), "type": int(typ), "application_id": app, "name": name, "slug": slug, "flags": flags}
	}
	id := w.NewID()
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if typ == model.SKUSubscription {
		d.storeAdd("skus", app, sku(w.NewID(), name, model.SKUSubscriptionGroup, 1<<2))
		d.storeAdd("skus", app, sku(id, name, typ, 1<<2|1<<8))
	} else {
		d.storeAdd("skus", app, sku(id, name, typ, 1<<2))
	}
	return model.SKUID(id)
}

// AddSubscription makes a World user subscribe to a SKU of the
// application, as a purchase in Discord's client would: GET
// /skus/{sku_id}/subscriptions lists it, with an entitlement of its own,
// and SUBSCRIPTION_CREATE and ENTITLEMENT_CREATE are dispatched. It
// returns the subscription's ID.
func (s *Server) AddSubscription(userID model.UserID, skuID model.SKUID) (model.Snowflake, error) {
	w := s.World()
	if _, ok := w.User(userID); !ok {
		return 0, fmt.Errorf("discordtest: add subscription: user %d: %w", userID, ErrUnknown)
	}
	now := time.Now().UTC()
	eid, sid := w.NewID(), w.NewID()
	e := map[string]any{"id": eid.String(), "sku_id": skuID.String(), "application_id": w.ApplicationID().String(),
		"user_id": userID.String(), "type": 1, "deleted": false, "starts_at": model.NewTimestamp(now),
		"ends_at": model.NewTimestamp(now.AddDate(0, 1, 0)), "subscription_id": sid.String()}
	sub := map[string]any{"id": sid.String(), "user_id": userID.String(), "sku_ids": []string{skuID.String()},
		"entitlement_ids": []string{eid.String()}, "renewal_sku_ids": nil,
		"current_period_start": model.NewTimestamp(now), "current_period_end": model.NewTimestamp(now.AddDate(0, 1, 0)),
		"status": 0, "canceled_at": nil, "country": "US"}
	d := s.rest.data
	d.mu.Lock()
	d.storeAdd("entitlements", "", e)
	d.storeAdd("subscriptions", skuID.String(), sub)
	outE, outS := maps.Clone(e), maps.Clone(sub)
	d.mu.Unlock()
	s.rest.dispatch(0, "ENTITLEMENT_CREATE", outE)
	s.rest.dispatch(0, "SUBSCRIPTION_CREATE", outS)
	return sid, nil
}

func (c *restCall) listSubscriptions() {
	all := c.rs.data.storeList("subscriptions", c.param("sku_id"))
	user := c.r.URL.Query().Get("user_id")
	var objs []map[string]any
	for _, s := range all {
		if user == "" || s["user_id"] == user {
			objs = append(objs, s)
		}
	}
	if out, ok := c.page(objs, "id", 50, 100, false); ok {
		c.json(http.StatusOK, out)
	}
}

func (c *restCall) getSubscription() {
	c.answerObject(c.rs.data.storeGet("subscriptions", c.param("sku_id"), "id", c.param("subscription_id")),
		&apiError{status: http.StatusNotFound, Code: 0, Message: "404: Not Found"})
}

// ---- scheduled events: exceptions and users ----

// scheduledEvent finds the route's event; the caller does not hold d.mu.
func (c *restCall) scheduledEvent() (Guild, map[string]any, bool) {
	g, ok := c.guild()
	if !ok {
		return g, nil, false
	}
	ev := c.rs.data.storeGet(scheduledEvents.name, g.ID.String(), "id", c.param("guild_scheduled_event_id"))
	if ev == nil {
		c.fail(scheduledEvents.unknown)
		return g, nil, false
	}
	return g, ev, true
}

var errUnknownEventException = errUnknown(10071, "Guild Scheduled Event Exception")

func (c *restCall) eventException(op string) {
	g, ev, ok := c.scheduledEvent()
	if !ok {
		return
	}
	key := ev["id"].(string)
	var p map[string]any
	if op != "DELETE" && !c.body(&p) {
		return
	}
	var f formErrors
	for _, k := range []string{"original_scheduled_start_time", "scheduled_start_time", "scheduled_end_time"} {
		if v, ok := p[k]; ok && v != nil {
			s, _ := v.(string)
			if _, err := model.ParseTimestamp(s); err != nil {
				f.add(k, "DATE_TIME_TYPE_PARSE", "Could not parse "+s+". Should be ISO8601.")
			}
		}
	}
	if op == "POST" {
		if _, ok := p["original_scheduled_start_time"]; !ok {
			f.required("original_scheduled_start_time")
		}
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	d := c.rs.data
	d.mu.Lock()
	var out map[string]any
	switch op {
	case "POST":
		id := c.s.World().NewID().String()
		o := map[string]any{"event_exception_id": id, "event_id": key, "guild_id": g.ID.String(), "is_canceled": false,
			"scheduled_start_time": nil, "scheduled_end_time": nil}
		for k, v := range p {
			o[k] = v
		}
		o["event_exception_id"] = id
		d.storeAdd("event_exceptions", key, o)
		out = maps.Clone(o)
	default:
		o, i := d.storeFind("event_exceptions", key, "event_exception_id", c.param("exception_id"))
		if o == nil {
			d.mu.Unlock()
			c.fail(errUnknownEventException)
			return
		}
		if op == "DELETE" {
			d.objects["event_exceptions"][key] = slices.Delete(d.objects["event_exceptions"][key], i, i+1)
		} else {
			for k, v := range p {
				if k != "event_exception_id" && k != "original_scheduled_start_time" {
					o[k] = v
				}
			}
			out = maps.Clone(o)
		}
	}
	d.mu.Unlock()
	if out == nil {
		c.noContent()
		return
	}
	c.json(http.StatusOK, out)
}

// AddScheduledEventUser makes a World member interested in a scheduled
// event (made on the REST API): GET .../users lists them and
// GUILD_SCHEDULED_EVENT_USER_ADD is dispatched.
func (s *Server) AddScheduledEventUser(guildID model.GuildID, eventID model.Snowflake, userID model.UserID) error {
	if _, ok := s.World().Member(guildID, userID); !ok {
		return fmt.Errorf("discordtest: add scheduled event user: user %d in guild %d: %w", userID, guildID, ErrUnknown)
	}
	d := s.rest.data
	d.mu.Lock()
	ev, _ := d.storeFind(scheduledEvents.name, guildID.String(), "id", eventID.String())
	if ev == nil {
		d.mu.Unlock()
		return fmt.Errorf("discordtest: add scheduled event user: event %d in guild %d: %w", eventID, guildID, ErrUnknown)
	}
	if u, _ := d.storeFind("event_users", eventID.String(), "user_id", userID.String()); u != nil {
		d.mu.Unlock()
		return nil
	}
	d.storeAdd("event_users", eventID.String(), map[string]any{"user_id": userID.String()})
	ev["user_count"] = userCount(ev) + 1
	d.mu.Unlock()
	s.rest.dispatch(guildID, "GUILD_SCHEDULED_EVENT_USER_ADD", map[string]any{
		"guild_scheduled_event_id": eventID, "user_id": userID, "guild_id": guildID})
	return nil
}

// RemoveScheduledEventUser makes a World member lose interest in a
// scheduled event: GET .../users no longer lists them and
// GUILD_SCHEDULED_EVENT_USER_REMOVE is dispatched. A user who was not
// interested changes nothing.
func (s *Server) RemoveScheduledEventUser(guildID model.GuildID, eventID model.Snowflake, userID model.UserID) error {
	d := s.rest.data
	d.mu.Lock()
	ev, _ := d.storeFind(scheduledEvents.name, guildID.String(), "id", eventID.String())
	if ev == nil {
		d.mu.Unlock()
		return fmt.Errorf("discordtest: remove scheduled event user: event %d in guild %d: %w", eventID, guildID, ErrUnknown)
	}
	u, i := d.storeFind("event_users", eventID.String(), "user_id", userID.String())
	if u == nil {
		d.mu.Unlock()
		return nil
	}
	d.objects["event_users"][eventID.String()] = slices.Delete(d.objects["event_users"][eventID.String()], i, i+1)
	ev["user_count"] = max(userCount(ev)-1, 0)
	d.mu.Unlock()
	s.rest.dispatch(guildID, "GUILD_SCHEDULED_EVENT_USER_REMOVE", map[string]any{
		"guild_scheduled_event_id": eventID, "user_id": userID, "guild_id": guildID})
	return nil
}

// userCount is a stored event's user_count: a number decoded from JSON,
// or the default's int.
func userCount(ev map[string]any) float64 {
	if n, ok := ev["user_count"].(int); ok {
		return float64(n)
	}
	n, _ := ev["user_count"].(float64)
	return n
}

func (c *restCall) eventUsers() {
	g, ev, ok := c.scheduledEvent()
	if !ok {
		return
	}
	users := c.rs.data.storeList("event_users", ev["id"].(string))
	out, ok := c.page(users, "user_id", 100, 100, false)
	if !ok {
		return
	}
	w := c.s.World()
	withMember := c.r.URL.Query().Get("with_member") == "true"
	res := make([]map[string]any, 0, len(out))
	for _, u := range out {
		uid := model.UserID(idOf(u, "user_id"))
		wu, _ := w.User(uid)
		o := map[string]any{"guild_scheduled_event_id": ev["id"], "user_id": uid, "user": modelUser(wu)}
		if withMember {
			if m, ok := w.Member(g.ID, uid); ok {
				o["member"] = modelMember(m, false)
			}
		}
		res = append(res, o)
	}
	c.json(http.StatusOK, res)
}

func (c *restCall) eventUserCounts() {
	_, ev, ok := c.scheduledEvent()
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	n := len(d.objects["event_users"][ev["id"].(string)])
	exc := map[string]int{}
	for _, x := range d.objects["event_exceptions"][ev["id"].(string)] {
		exc[x["event_exception_id"].(string)] = n
	}
	d.mu.Unlock()
	c.json(http.StatusOK, map[string]any{"guild_scheduled_event_count": n, "guild_scheduled_event_exception_counts": exc})
}

// ---- lobbies ----

var errUnknownLobby = errUnknown(10031, "Lobby")

func lobbyMember(id string, metadata any, flags any) map[string]any {
	return map[string]any{"id": id, "metadata": metadata, "flags": flags}
}

func (c *restCall) createLobby(orJoin bool) {
	var p struct {
		Metadata           map[string]string `json:"metadata"`
		Members            []map[string]any  `json:"members"`
		IdleTimeoutSeconds *int              `json:"idle_timeout_seconds"`
		Secret             string            `json:"secret"`
		LobbyMetadata      map[string]string `json:"lobby_metadata"`
		MemberMetadata     map[string]string `json:"member_metadata"`
	}
	if !c.body(&p) {
		return
	}
	if p.IdleTimeoutSeconds != nil && (*p.IdleTimeoutSeconds < 5 || *p.IdleTimeoutSeconds > 604800) {
		c.fail(formError("idle_timeout_seconds", "NUMBER_TYPE_MAX", "Value must be between 5 and 604800."))
		return
	}
	if len(p.Members) > 25 {
		c.fail(formError("members", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
		return
	}
	w := c.s.World()
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if orJoin {
		if p.Secret == "" {
			c.fail(formError("secret", "BASE_TYPE_REQUIRED", "This field is required"))
			return
		}
		me := c.bearerUser().ID.String()
		if l, _ := d.storeFind("lobbies", "", "secret", p.Secret); l != nil {
			members := l["members"].([]map[string]any)
			if !slices.ContainsFunc(members, func(m map[string]any) bool { return m["id"] == me }) {
				l["members"] = append(members, lobbyMember(me, p.MemberMetadata, 0))
			}
			c.json(http.StatusOK, lobbyView(l))
			return
		}
		p.Metadata = p.LobbyMetadata
		p.Members = []map[string]any{lobbyMember(me, p.MemberMetadata, 0)}
	}
	members := []map[string]any{}
	for i, m := range p.Members {
		id, _ := m["id"].(string)
		if uid, err := model.ParseSnowflake(id); err != nil {
			c.fail(formError(fmt.Sprintf("members.%d.id", i), "NUMBER_TYPE_COERCE", fmt.Sprintf("Value %q is not snowflake.", id)))
			return
		} else if _, ok := w.User(model.UserID(uid)); !ok {
			c.fail(errUnknownUser)
			return
		}
		members = append(members, lobbyMember(id, m["metadata"], m["flags"]))
	}
	l := map[string]any{"id": w.NewID().String(), "application_id": w.ApplicationID().String(), "metadata": p.Metadata,
		"members": members, "linked_channel": nil, "secret": p.Secret}
	d.storeAdd("lobbies", "", l)
	c.json(http.StatusOK, lobbyView(l))
}

// lobbyView is a lobby as the API answers it (no secret).
func lobbyView(l map[string]any) map[string]any {
	out := maps.Clone(l)
	delete(out, "secret")
	out["members"] = cloneObjs(l["members"].([]map[string]any))
	return out
}

// lobby runs fn on the route's lobby under d.mu; fn answers.
func (c *restCall) lobby(fn func(l map[string]any, i int)) {
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	l, i := d.storeFind("lobbies", "", "id", c.param("lobby_id"))
	if l == nil {
		c.fail(errUnknownLobby)
		return
	}
	fn(l, i)
}

func (c *restCall) lobbyMembers(l map[string]any) []map[string]any {
	return l["members"].([]map[string]any)
}

func (c *restCall) setLobbyMember(l map[string]any, id string, metadata, flags any) map[string]any {
	members := c.lobbyMembers(l)
	if i := slices.IndexFunc(members, func(m map[string]any) bool { return m["id"] == id }); i >= 0 {
		members[i]["metadata"], members[i]["flags"] = metadata, flags
		return members[i]
	}
	m := lobbyMember(id, metadata, flags)
	l["members"] = append(members, m)
	return m
}

func (c *restCall) removeLobbyMember(l map[string]any, id string) {
	l["members"] = slices.DeleteFunc(c.lobbyMembers(l), func(m map[string]any) bool { return m["id"] == id })
}

func (c *restCall) lobbyRoutes(m map[string]func(*restCall)) {
	m["POST /lobbies"] = func(c *restCall) { c.createLobby(false) }
	m["PUT /lobbies"] = func(c *restCall) { c.createLobby(true) }
	m["GET /lobbies/{lobby_id}"] = func(c *restCall) {
		c.lobby(func(l map[string]any, _ int) { c.json(http.StatusOK, lobbyView(l)) })
	}
	m["PATCH /lobbies/{lobby_id}"] = func(c *restCall) {
		var p struct {
			Metadata           *map[string]string `json:"metadata"`
			Members            *[]map[string]any  `json:"members"`
			IdleTimeoutSeconds *int               `json:"idle_timeout_seconds"`
		}
		if !c.body(&p) {
			return
		}
		c.lobby(func(l map[string]any, _ int) {
			if p.Metadata != nil {
				l["metadata"] = *p.Metadata
			}
			if p.Members != nil {
				members := []map[string]any{}
				for _, mm := range *p.Members {
					id, _ := mm["id"].(string)
					members = append(members, lobbyMember(id, mm["metadata"], mm["flags"]))
				}
				l["members"] = members
			}
			c.json(http.StatusOK, lobbyView(l))
		})
	}
	m["DELETE /lobbies/{lobby_id}"] = func(c *restCall) {
		c.lobby(func(_ map[string]any, i int) {
			c.rs.data.objects["lobbies"][""] = slices.Delete(c.rs.data.objects["lobbies"][""], i, i+1)
			c.noContent()
		})
	}
	m["PUT /lobbies/{lobby_id}/members/{user_id}"] = func(c *restCall) {
		var p struct {
			Metadata any `json:"metadata"`
			Flags    any `json:"flags"`
		}
		if !c.body(&p) {
			return
		}
		if _, ok := c.s.World().User(model.UserID(c.id("user_id"))); !ok {
			c.fail(errUnknownUser)
			return
		}
		c.lobby(func(l map[string]any, _ int) {
			c.json(http.StatusOK, maps.Clone(c.setLobbyMember(l, c.param("user_id"), p.Metadata, p.Flags)))
		})
	}
	m["DELETE /lobbies/{lobby_id}/members/{user_id}"] = func(c *restCall) {
		c.lobby(func(l map[string]any, _ int) { c.removeLobbyMember(l, c.param("user_id")); c.noContent() })
	}
	m["DELETE /lobbies/{lobby_id}/members/@me"] = func(c *restCall) {
		c.lobby(func(l map[string]any, _ int) { c.removeLobbyMember(l, c.bearerUser().ID.String()); c.noContent() })
	}
	m["POST /lobbies/{lobby_id}/members/bulk"] = func(c *restCall) {
		var p []struct {
			ID         string `json:"id"`
			Metadata   any    `json:"metadata"`
			Flags      any    `json:"flags"`
			RemoveUser bool   `json:"remove_member"`
		}
		if !c.body(&p) {
			return
		}
		if len(p) > 25 {
			c.fail(formError("", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
			return
		}
		c.lobby(func(l map[string]any, _ int) {
			for _, x := range p {
				if x.RemoveUser {
					c.removeLobbyMember(l, x.ID)
				} else {
					c.setLobbyMember(l, x.ID, x.Metadata, x.Flags)
				}
			}
			c.json(http.StatusOK, cloneObjs(c.lobbyMembers(l)))
		})
	}
	invite := func(c *restCall) {
		c.lobby(func(l map[string]any, _ int) {
			if l["linked_channel"] == nil {
				c.fail(&apiError{status: http.StatusBadRequest, Code: 50211, Message: "Lobby is not linked to a channel"})
				return
			}
			c.json(http.StatusOK, map[string]any{"code": inviteCode(c.s.World().NewID())})
		})
	}
	m["POST /lobbies/{lobby_id}/members/@me/invites"] = invite
	m["POST /lobbies/{lobby_id}/members/{user_id}/invites"] = invite
	m["PATCH /lobbies/{lobby_id}/channel-linking"] = func(c *restCall) {
		var p struct {
			ChannelID nullable[model.ChannelID] `json:"channel_id"`
		}
		if !c.body(&p) {
			return
		}
		var linked map[string]any
		if p.ChannelID.Set && !p.ChannelID.Null {
			ch, ok := c.s.World().Channel(p.ChannelID.Value)
			if !ok {
				c.fail(errUnknownChannel)
				return
			}
			linked = map[string]any{"id": ch.ID.String(), "name": ch.Name, "type": ch.Type, "guild_id": ch.GuildID.String()}
		}
		c.lobby(func(l map[string]any, _ int) {
			if linked == nil {
				l["linked_channel"] = nil
			} else {
				l["linked_channel"] = linked
			}
			c.json(http.StatusOK, lobbyView(l))
		})
	}
	m["GET /lobbies/{lobby_id}/messages"] = func(c *restCall) {
		c.lobby(func(l map[string]any, _ int) {
			msgs := cloneObjs(c.rs.data.objects["lobby_messages"][l["id"].(string)])
			if out, ok := c.page(msgs, "id", 50, 200, true); ok {
				c.json(http.StatusOK, out)
			}
		})
	}
	m["POST /lobbies/{lobby_id}/messages"] = func(c *restCall) {
		var p struct {
			Content  string            `json:"content"`
			Metadata map[string]string `json:"metadata"`
		}
		if !c.body(&p) {
			return
		}
		var f formErrors
		f.lenBetween("content", p.Content, 1, 4000)
		if e := f.err(); e != nil {
			c.fail(e)
			return
		}
		c.lobby(func(l map[string]any, _ int) {
			w := c.s.World()
			msg := map[string]any{"id": w.NewID().String(), "type": 0, "content": p.Content, "lobby_id": l["id"],
				"channel_id": l["id"], "author": c.bearerUser(), "metadata": p.Metadata, "flags": 0,
				"application_id": w.ApplicationID().String()}
			c.rs.data.storeAdd("lobby_messages", l["id"].(string), msg)
			c.json(http.StatusOK, maps.Clone(msg))
		})
	}
	m["PUT /lobbies/{lobby_id}/messages/{message_id}/moderation-metadata"] = func(c *restCall) {
		var p map[string]string
		if !c.body(&p) {
			return
		}
		c.lobby(func(l map[string]any, _ int) {
			msg, _ := c.rs.data.storeFind("lobby_messages", l["id"].(string), "id", c.param("message_id"))
			if msg == nil {
				c.fail(errUnknownMessage)
				return
			}
			msg["moderation_metadata"] = p
			c.json(http.StatusOK, maps.Clone(msg))
		})
	}
}

// ---- the partner SDK and OAuth2 ----

// issueToken makes a new OAuth2 access token the REST API accepts.
func (c *restCall) issueToken(scope string) {
	var p map[string]any
	if !c.body(&p) {
		return
	}
	tok := "pt" + newSessionID()
	c.rs.mu.Lock()
	c.rs.bearer[tok] = true
	c.rs.mu.Unlock()
	c.json(http.StatusOK, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 604800,
		"refresh_token": "rt" + newSessionID(), "id_token": "it" + newSessionID(), "scope": scope})
}

func (c *restCall) oauthKeys() {
	pub := c.s.ix.key.Public().(ed25519.PublicKey)
	c.json(http.StatusOK, map[string]any{"keys": []any{map[string]any{
		"kty": "OKP", "crv": "Ed25519", "use": "sig", "alg": "EdDSA", "kid": c.s.PublicKey()[:16],
		"x": base64.RawURLEncoding.EncodeToString(pub)}}})
}

func (c *restCall) userinfo() {
	u := c.bearerUser()
	info := map[string]any{"sub": u.ID.String(), "preferred_username": u.Username, "nickname": u.GlobalName,
		"locale": "en-US", "picture": nil}
	if u.Avatar != nil {
		info["picture"] = "https://cdn.discordapp.com/avatars/" + u.ID.String() + "/" + *u.Avatar + ".png"
	}
	c.json(http.StatusOK, info)
}

// ---- searches ----

// guildSearch answers GET /guilds/{guild_id}/messages/search over the
// stored messages of the guild's channels: content, author_id,
// channel_id, mentions, has, pinned, limit and offset.
func (c *restCall) guildSearch() {
	g, ok := c.guild()
	if !ok {
		return
	}
	limit, ok := c.queryInt("limit", 25, 1, 25)
	if !ok {
		return
	}
	offset, ok := c.queryInt("offset", 0, 0, 9975)
	if !ok {
		return
	}
	q := c.r.URL.Query()
	content := strings.ToLower(q.Get("content"))
	authors, channels := q["author_id"], q["channel_id"]
	var hits []model.Message
	for _, ch := range g.Channels {
		if len(channels) > 0 && !slices.Contains(channels, ch.ID.String()) {
			continue
		}
		for _, m := range c.s.Messages(ch.ID) {
			if content != "" && !strings.Contains(strings.ToLower(m.Content), content) ||
				len(authors) > 0 && !slices.Contains(authors, m.Author.ID.String()) ||
				q.Get("pinned") == "true" && !m.Pinned {
				continue
			}
			hits = append(hits, m)
		}
	}
	slices.SortFunc(hits, func(a, b model.Message) int { return int(b.ID>>1) - int(a.ID>>1) })
	total := len(hits)
	hits = hits[min(offset, total):min(offset+limit, total)]
	out := make([][]any, 0, len(hits))
	for _, m := range hits {
		out = append(out, []any{restMessage(m)})
	}
	c.json(http.StatusOK, map[string]any{"messages": out, "total_results": total, "doing_deep_historical_index": false,
		"threads": []any{}, "members": []any{}})
}

// threadSearch answers GET /channels/{channel_id}/threads/search: the
// threads of a channel whose name holds the query.
func (c *restCall) threadSearch() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	limit, ok := c.queryInt("limit", 25, 1, 25)
	if !ok {
		return
	}
	offset, ok := c.queryInt("offset", 0, 0, 9975)
	if !ok {
		return
	}
	name := strings.ToLower(c.r.URL.Query().Get("name"))
	d := c.rs.data
	d.mu.Lock()
	var hits []threadData
	for _, t := range d.threads {
		if t.ParentID != nil && *t.ParentID == ci.id && strings.Contains(strings.ToLower(t.Name), name) {
			hits = append(hits, *t)
		}
	}
	d.mu.Unlock()
	slices.SortFunc(hits, func(a, b threadData) int { return int(b.ID>>1) - int(a.ID>>1) })
	total := len(hits)
	hits = hits[min(offset, total):min(offset+limit, total)]
	c.json(http.StatusOK, map[string]any{"threads": hits, "members": []any{}, "has_more": offset+len(hits) < total,
		"total_results": total, "first_messages": []any{}})
}

// ---- join requests, welcome, widget image, invites' target users ----

func (c *restCall) joinRequests() {
	g, ok := c.guild()
	if !ok {
		return
	}
	reqs := c.rs.data.storeList("join_requests", g.ID.String())
	status := c.r.URL.Query().Get("status")
	var objs []map[string]any
	for _, r := range reqs {
		if status == "" || fmt.Sprint(r["application_status"]) == status {
			objs = append(objs, r)
		}
	}
	if out, ok := c.page(objs, "id", 100, 100, false); ok {
		c.json(http.StatusOK, map[string]any{"guild_join_requests": out, "total": len(objs), "limit": len(out)})
	}
}

// AddJoinRequest makes a World user ask to join a guild with member
// verification: GET /guilds/{guild_id}/requests lists the request and
// PATCH .../requests/{request_id} approves or rejects it. It returns the
// request's ID.
func (s *Server) AddJoinRequest(guildID model.GuildID, userID model.UserID) (model.Snowflake, error) {
	w := s.World()
	u, ok := w.User(userID)
	if _, gok := w.Guild(guildID); !ok || !gok {
		return 0, fmt.Errorf("discordtest: add join request: user %d, guild %d: %w", userID, guildID, ErrUnknown)
	}
	id := w.NewID()
	r := map[string]any{"id": id.String(), "join_request_id": id.String(), "guild_id": guildID.String(), "user_id": userID.String(),
		"user": modelUser(u), "created_at": model.NewTimestamp(time.Now()), "application_status": "SUBMITTED",
		"form_responses": []any{}, "rejection_reason": nil, "actioned_at": nil, "actioned_by_user": nil}
	d := s.rest.data
	d.mu.Lock()
	d.storeAdd("join_requests", guildID.String(), r)
	d.mu.Unlock()
	return id, nil
}

func (c *restCall) actionJoinRequest() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionKickMembers) {
		return
	}
	var p struct {
		Action          string `json:"action"`
		RejectionReason string `json:"rejection_reason"`
	}
	if !c.body(&p) {
		return
	}
	if p.Action != "APPROVED" && p.Action != "REJECTED" {
		c.fail(formError("action", "BASE_TYPE_CHOICES", "Value must be one of ('APPROVED', 'REJECTED')."))
		return
	}
	d := c.rs.data
	d.mu.Lock()
	r, _ := d.storeFind("join_requests", g.ID.String(), "id", c.param("request_id"))
	if r == nil {
		d.mu.Unlock()
		c.fail(errUnknown(10068, "Guild Member Verification"))
		return
	}
	r["application_status"] = p.Action
	r["actioned_at"] = model.NewTimestamp(time.Now())
	r["actioned_by_user"] = modelUser(c.s.World().Bot())
	if p.Action == "REJECTED" {
		r["rejection_reason"] = p.RejectionReason
	}
	out := maps.Clone(r)
	d.mu.Unlock()
	c.json(http.StatusOK, out)
}

// widgetPNG is a 1x1 PNG: the widget image.
var widgetPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func (c *restCall) inviteTargetUsers(put bool) {
	d := c.rs.data
	d.mu.Lock()
	inv, _ := d.storeFind(invites.name, "", "code", c.param("code"))
	found := inv != nil
	if !found {
		// invites are kept per channel
		for _, list := range d.objects[invites.name] {
			for _, o := range list {
				if o["code"] == c.param("code") {
					inv, found = o, true
				}
			}
		}
	}
	d.mu.Unlock()
	if !found {
		c.fail(invites.unknown)
		return
	}
	if !put {
		d.mu.Lock()
		var ids []string
		if t := d.objects[inviteTargetsKind][c.param("code")]; len(t) > 0 {
			ids, _ = t[0]["ids"].([]string)
		}
		d.mu.Unlock()
		c.w.Header().Set("Content-Type", "text/csv")
		c.w.WriteHeader(http.StatusOK)
		fmt.Fprint(c.w, "user_id\n")
		for _, id := range ids {
			fmt.Fprintln(c.w, id)
		}
		return
	}
	var p map[string]any
	files, err := c.decodeBody(&p)
	if err != nil {
		c.fail(err)
		return
	}
	var ids []string
	for _, f := range files {
		for _, line := range strings.Split(string(f.data), "\n") {
			line = strings.TrimSpace(line)
			if _, err := model.ParseSnowflake(line); err == nil {
				ids = append(ids, line)
			}
		}
	}
	// the fake processes the file at once: its job is complete when the
	// answer comes
	now := model.NewTimestamp(c.now)
	d.mu.Lock()
	if d.objects[inviteTargetsKind] == nil {
		d.objects[inviteTargetsKind] = map[string][]map[string]any{}
	}
	d.objects[inviteTargetsKind][c.param("code")] = []map[string]any{{"ids": ids, "job": map[string]any{"status": 2,
		"total_users": len(ids), "processed_users": len(ids), "created_at": now, "completed_at": now, "error_message": nil}}}
	d.mu.Unlock()
	c.noContent()
}

// inviteTargetsKind keeps, by invite code, the target users of the last
// file sent and the job that read it.
const inviteTargetsKind = "invite_targets"

// inviteTargetUsersJob answers GET /invites/{code}/target-users/job-status:
// the job of the invite's last target users file (status 0 without one).
func (c *restCall) inviteTargetUsersJob() {
	d := c.rs.data
	d.mu.Lock()
	var inv map[string]any
	for _, list := range d.objects[invites.name] {
		for _, o := range list {
			if o["code"] == c.param("code") {
				inv = o
			}
		}
	}
	var job map[string]any
	if t := d.objects[inviteTargetsKind][c.param("code")]; inv != nil && len(t) > 0 {
		job, _ = t[0]["job"].(map[string]any)
		job = maps.Clone(job)
	}
	d.mu.Unlock()
	switch {
	case inv == nil:
		c.fail(invites.unknown)
	case job == nil:
		c.json(http.StatusOK, map[string]any{"status": 0, "total_users": 0, "processed_users": 0, "created_at": nil,
			"completed_at": nil, "error_message": nil})
	default:
		c.json(http.StatusOK, job)
	}
}

// ---- activities ----

const activitiesKind = "activity_instances"

// StartActivity launches the application's activity in a voice channel
// (or a DM), as a user would from Discord's client, with the World users
// playing it; GET /applications/{id}/activity-instances/{instance_id}
// reads it. It returns the instance's ID.
func (s *Server) StartActivity(channelID model.ChannelID, users ...model.UserID) (string, error) {
	w := s.World()
	ch, ok := w.Channel(channelID)
	if !ok {
		return "", fmt.Errorf("discordtest: start activity: channel %d: %w", channelID, ErrUnknown)
	}
	ids := []string{}
	for _, u := range users {
		if _, ok := w.User(u); !ok {
			return "", fmt.Errorf("discordtest: start activity: user %d: %w", u, ErrUnknown)
		}
		ids = append(ids, u.String())
	}
	kind, loc := "gc", map[string]any{"channel_id": ch.ID.String()}
	if ch.GuildID == 0 {
		kind = "pc"
	} else {
		loc["guild_id"] = ch.GuildID.String()
	}
	id := "i-" + w.NewID().String()
	loc["id"], loc["kind"] = kind+"-"+ch.ID.String(), kind
	d := s.rest.data
	d.mu.Lock()
	d.storeAdd(activitiesKind, "", map[string]any{"application_id": w.ApplicationID().String(), "instance_id": id,
		"launch_id": w.NewID().String(), "location": loc, "users": ids})
	d.mu.Unlock()
	return id, nil
}

// ---- role connections of the OAuth2 user ----

func (c *restCall) roleConnection(op string) {
	if !c.ownApplication() {
		return
	}
	key := c.bearerUser().ID.String()
	d := c.rs.data
	switch op {
	case "GET":
		d.mu.Lock()
		rc, _ := d.storeFind("role_connections", key, "application_id", c.param("application_id"))
		out := map[string]any{"platform_name": nil, "platform_username": nil, "metadata": map[string]any{}}
		if rc != nil {
			out = maps.Clone(rc)
			delete(out, "application_id")
		}
		d.mu.Unlock()
		c.json(http.StatusOK, out)
	case "PUT":
		var p struct {
			PlatformName     *string           `json:"platform_name"`
			PlatformUsername *string           `json:"platform_username"`
			Metadata         map[string]string `json:"metadata"`
		}
		if !c.body(&p) {
			return
		}
		var f formErrors
		if p.PlatformName != nil {
			f.lenBetween("platform_name", *p.PlatformName, 0, 50)
		}
		if p.PlatformUsername != nil {
			f.lenBetween("platform_username", *p.PlatformUsername, 0, 100)
		}
		if e := f.err(); e != nil {
			c.fail(e)
			return
		}
		rc := map[string]any{"application_id": c.param("application_id"), "platform_name": p.PlatformName,
			"platform_username": p.PlatformUsername, "metadata": p.Metadata}
		if p.Metadata == nil {
			rc["metadata"] = map[string]string{}
		}
		d.mu.Lock()
		if _, i := d.storeFind("role_connections", key, "application_id", c.param("application_id")); i >= 0 {
			d.objects["role_connections"][key][i] = rc
		} else {
			d.storeAdd("role_connections", key, rc)
		}
		out := maps.Clone(rc)
		d.mu.Unlock()
		delete(out, "application_id")
		c.json(http.StatusOK, out)
	case "DELETE":
		d.mu.Lock()
		if _, i := d.storeFind("role_connections", key, "application_id", c.param("application_id")); i >= 0 {
			d.objects["role_connections"][key] = slices.Delete(d.objects["role_connections"][key], i, i+1)
		}
		d.mu.Unlock()
		c.noContent()
	}
}

// breadthRoutes registers the routes of this file.
func breadthRoutes(m map[string]func(*restCall)) {
	m["POST /applications/{application_id}/entitlements"] = (*restCall).createEntitlement
	m["GET /applications/{application_id}/entitlements"] = func(c *restCall) { c.listEntitlements(0) }
	m["GET /users/@me/applications/{application_id}/entitlements"] = func(c *restCall) { c.listEntitlements(c.bearerUser().ID) }
	m["GET /applications/{application_id}/entitlements/{entitlement_id}"] = func(c *restCall) {
		c.entitlement(func(e map[string]any, _ int) {
			out := maps.Clone(e)
			c.rs.data.mu.Unlock()
			c.json(http.StatusOK, out)
		})
	}
	m["DELETE /applications/{application_id}/entitlements/{entitlement_id}"] = func(c *restCall) {
		c.entitlement(func(e map[string]any, i int) {
			if e["type"] != 8 {
				c.rs.data.mu.Unlock()
				c.fail(&apiError{status: http.StatusBadRequest, Code: 40074, Message: "Only test entitlements can be deleted"})
				return
			}
			e["deleted"] = true
			out := maps.Clone(e)
			c.rs.data.mu.Unlock()
			c.rs.dispatch(0, "ENTITLEMENT_DELETE", out)
			c.noContent()
		})
	}
	m["POST /applications/{application_id}/entitlements/{entitlement_id}/consume"] = func(c *restCall) {
		c.entitlement(func(e map[string]any, _ int) {
			e["consumed"] = true
			out := maps.Clone(e)
			c.rs.data.mu.Unlock()
			c.rs.dispatch(0, "ENTITLEMENT_UPDATE", out)
			c.noContent()
		})
	}
	m["GET /applications/{application_id}/skus"] = func(c *restCall) {
		if !c.ownApplication() {
			return
		}
		out := c.rs.data.storeList("skus", c.param("application_id"))
		c.json(http.StatusOK, out)
	}
	m["GET /skus/{sku_id}/subscriptions"] = (*restCall).listSubscriptions
	m["GET /skus/{sku_id}/subscriptions/{subscription_id}"] = (*restCall).getSubscription

	m["POST /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions"] = func(c *restCall) { c.eventException("POST") }
	m["PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}"] = func(c *restCall) { c.eventException("PATCH") }
	m["DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}"] = func(c *restCall) { c.eventException("DELETE") }
	m["GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users"] = (*restCall).eventUsers
	m["GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/{guild_scheduled_event_exception_id}/users"] = (*restCall).eventUsers
	m["GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users/counts"] = (*restCall).eventUserCounts

	(*restCall)(nil).lobbyRoutes(m)

	m["POST /partner-sdk/token"] = func(c *restCall) { c.issueToken("sdk.social_layer") }
	m["POST /partner-sdk/token/bot"] = func(c *restCall) { c.issueToken("sdk.social_layer") }
	unmerge := func(c *restCall) {
		var p map[string]any
		if c.body(&p) {
			c.noContent()
		}
	}
	m["POST /partner-sdk/provisional-accounts/unmerge"] = unmerge
	m["POST /partner-sdk/provisional-accounts/unmerge/bot"] = unmerge
	m["PUT /partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/moderation-metadata"] = func(c *restCall) {
		var p map[string]string
		if !c.body(&p) {
			return
		}
		ch, ok := c.s.World().DMChannel(model.UserID(c.id("user_id_2")))
		if !ok {
			c.fail(errUnknownChannel)
			return
		}
		if _, ok := c.s.Message(ch.ID, model.MessageID(c.id("message_id"))); !ok {
			c.fail(errUnknownMessage)
			return
		}
		c.json(http.StatusOK, p)
	}
	m["GET /oauth2/keys"] = (*restCall).oauthKeys
	m["GET /oauth2/userinfo"] = (*restCall).userinfo

	m["GET /guilds/{guild_id}/messages/search"] = (*restCall).guildSearch
	m["GET /channels/{channel_id}/threads/search"] = (*restCall).threadSearch
	m["GET /guilds/{guild_id}/requests"] = (*restCall).joinRequests
	m["PATCH /guilds/{guild_id}/requests/{request_id}"] = (*restCall).actionJoinRequest
	m["GET /guilds/{guild_id}/new-member-welcome"] = func(c *restCall) {
		if g, ok := c.guild(); ok {
			c.json(http.StatusOK, map[string]any{"guild_id": g.ID, "enabled": false, "welcome_message": nil, "new_member_actions": []any{},
				"resource_channels": []any{}})
		}
	}
	m["GET /guilds/{guild_id}/widget.png"] = func(c *restCall) {
		if _, ok := c.guild(); ok {
			c.w.Header().Set("Content-Type", "image/png")
			c.w.WriteHeader(http.StatusOK)
			c.w.Write(widgetPNG)
		}
	}
	m["GET /invites/{code}/target-users"] = func(c *restCall) { c.inviteTargetUsers(false) }
	m["PUT /invites/{code}/target-users"] = func(c *restCall) { c.inviteTargetUsers(true) }
	m["GET /invites/{code}/target-users/job-status"] = (*restCall).inviteTargetUsersJob
	m["DELETE /users/@me/applications/{application_id}/role-connection"] = func(c *restCall) { c.roleConnection("DELETE") }
	m["GET /users/@me/applications/{application_id}/role-connection"] = func(c *restCall) { c.roleConnection("GET") }
	m["PUT /users/@me/applications/{application_id}/role-connection"] = func(c *restCall) { c.roleConnection("PUT") }

	m["GET /applications/{application_id}/activity-instances/{instance_id}"] = func(c *restCall) {
		if !c.ownApplication() {
			return
		}
		c.answerObject(c.rs.data.storeGet(activitiesKind, "", "instance_id", c.param("instance_id")), errUnknown(10099, "Activity Instance"))
	}
	m["POST /applications/{application_id}/attachment"] = func(c *restCall) {
		if !c.ownApplication() {
			return
		}
		var p map[string]any
		files, err := c.decodeBody(&p)
		if err != nil {
			c.fail(err)
			return
		}
		if len(files) == 0 {
			c.fail(formError("file", "BASE_TYPE_REQUIRED", "This field is required"))
			return
		}
		f := files[0]
		id := model.AttachmentID(c.s.World().NewID())
		d := c.rs.data
		d.mu.Lock()
		d.files[id] = f.data
		d.mu.Unlock()
		c.json(http.StatusOK, map[string]any{"attachment": map[string]any{"id": id, "filename": f.filename, "size": len(f.data),
			"content_type": f.contentType, "url": "https://cdn.discordapp.com/app-attachments/" + id.String() + "/" + f.filename}})
	}
	m["PUT /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions"] = func(c *restCall) {
		if c.isBot() {
			// Discord wants the Bearer token of a user who may manage the guild
			c.fail(&apiError{status: http.StatusUnauthorized, Code: 50001, Message: "Missing Access"})
			return
		}
		if _, ok := c.commandScope(); !ok {
			return
		}
		var p struct {
			Permissions []map[string]any `json:"permissions"`
		}
		if !c.body(&p) {
			return
		}
		if len(p.Permissions) > 100 {
			c.fail(formError("permissions", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."))
			return
		}
		if p.Permissions == nil {
			p.Permissions = []map[string]any{}
		}
		perms := map[string]any{"id": c.param("command_id"), "application_id": c.param("application_id"),
			"guild_id": c.param("guild_id"), "permissions": p.Permissions}
		d := c.rs.data
		d.mu.Lock()
		if _, i := d.storeFind("command_perms", c.param("guild_id"), "id", c.param("command_id")); i >= 0 {
			d.objects["command_perms"][c.param("guild_id")][i] = perms
		} else {
			d.storeAdd("command_perms", c.param("guild_id"), perms)
		}
		out := maps.Clone(perms)
		d.mu.Unlock()
		c.rs.dispatch(model.GuildID(c.id("guild_id")), "APPLICATION_COMMAND_PERMISSIONS_UPDATE", out)
		c.json(http.StatusOK, out)
	}
	m["GET /applications/{application_id}/guilds/{guild_id}/commands/permissions"] = func(c *restCall) {
		if !c.ownApplication() {
			return
		}
		if _, ok := c.guild(); !ok {
			return
		}
		out := c.rs.data.storeList("command_perms", c.param("guild_id"))
		c.json(http.StatusOK, out)
	}
	m["GET /applications/{application_id}/guilds/{guild_id}/commands/{command_id}/permissions"] = func(c *restCall) {
		if _, ok := c.commandScope(); !ok {
			return
		}
		c.answerObject(c.rs.data.storeGet("command_perms", c.param("guild_id"), "id", c.param("command_id")),
			errUnknown(10066, "application command permissions"))
	}
	m["DELETE /guilds/{guild_id}/integrations/{integration_id}"] = (*restCall).deleteIntegration
	m["GET /stickers/{sticker_id}"] = func(c *restCall) {
		d := c.rs.data
		d.mu.Lock()
		var out map[string]any
		for _, list := range d.objects[stickers.name] {
			for _, s := range list {
				if s["id"] == c.param("sticker_id") {
					out = maps.Clone(s)
				}
			}
		}
		if out == nil {
			out = c.standardSticker(c.param("sticker_id"))
		}
		d.mu.Unlock()
		if out == nil {
			c.fail(stickers.unknown)
			return
		}
		c.json(http.StatusOK, out)
	}
	m["PUT /channels/{channel_id}/recipients/{user_id}"] = func(c *restCall) { c.recipient(true) }
	m["DELETE /channels/{channel_id}/recipients/{user_id}"] = func(c *restCall) { c.recipient(false) }
}
