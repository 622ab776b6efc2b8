package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rThreadSearch = route("GET", "/channels/{channel_id}/threads/search")
	rGuildSearch  = route("GET", "/guilds/{guild_id}/messages/search")
)

// ThreadSearchQuery searches the threads of a forum or media channel.
// Limit 1..25 (zero: 25), Offset 0..9975, Slop 0..100.
type ThreadSearchQuery struct {
	Name       string            `query:"name"`
	Slop       int               `query:"slop" range:"0,100"`
	MinID      model.ChannelID   `query:"min_id"`
	MaxID      model.ChannelID   `query:"max_id"`
	Tag        []model.Snowflake `query:"tag,comma"`
	TagSetting string            `query:"tag_setting"` // "match_all" or "match_some"
	Archived   *bool             `query:"archived"`
	SortBy     string            `query:"sort_by"`    // "relevance", "creation_time", "last_message_time", "archive_time"
	SortOrder  string            `query:"sort_order"` // "asc" or "desc"
	Limit      int               `query:"limit" range:"1,25"`
	Offset     int               `query:"offset" range:"0,9975"`
}

// ThreadSearch is a page of threads found, with the bot's memberships of
// them and their first messages.
type ThreadSearch struct {
	Threads       []model.Channel      `json:"threads"`
	Members       []model.ThreadMember `json:"members"`
	HasMore       bool                 `json:"has_more"`
	FirstMessages []model.Message      `json:"first_messages,omitempty"`
	TotalResults  int                  `json:"total_results"`
}

// SearchThreads searches the threads of a forum or media channel. While
// Discord is still indexing the channel it answers with no results.
func (c *Client) SearchThreads(ctx context.Context, channel model.ChannelID, q *ThreadSearchQuery, opts ...RequestOption) (*ThreadSearch, error) {
	return fetch[ThreadSearch](ctx, c, rThreadSearch, path(channel), q, nil, opts)
}

// MessageSearchQuery searches a guild's messages; slices match any of
// their values. Limit 1..25 (zero: 25), Offset 0..9975, Slop 0..100.
type MessageSearchQuery struct {
	SortBy              string            `query:"sort_by"`    // "relevance" or "timestamp"
	SortOrder           string            `query:"sort_order"` // "asc" or "desc"
	Content             string            `query:"content"`
	Slop                int               `query:"slop" range:"0,100"`
	AuthorID            []model.UserID    `query:"author_id"`
	AuthorType          []string          `query:"author_type"` // "user", "bot", "webhook", "-bot"...
	Mentions            []model.UserID    `query:"mentions"`
	MentionsRoleID      []model.RoleID    `query:"mentions_role_id"`
	RepliedToUserID     []model.UserID    `query:"replied_to_user_id"`
	RepliedToMessageID  []model.MessageID `query:"replied_to_message_id"`
	MentionEveryone     *bool             `query:"mention_everyone"`
	MinID               model.MessageID   `query:"min_id"`
	MaxID               model.MessageID   `query:"max_id"`
	Limit               int               `query:"limit" range:"1,25"`
	Offset              int               `query:"offset" range:"0,9975"`
	Has                 []string          `query:"has"` // "image", "link", "file", "-embed"...
	LinkHostname        []string          `query:"link_hostname"`
	EmbedProvider       []string          `query:"embed_provider"`
	EmbedType           []string          `query:"embed_type"`
	AttachmentExtension []string          `query:"attachment_extension"`
	AttachmentFilename  []string          `query:"attachment_filename"`
	Pinned              *bool             `query:"pinned"`
	IncludeNSFW         bool              `query:"include_nsfw"`
	ChannelID           []model.ChannelID `query:"channel_id"`
}

// MessageSearch is a page of messages found: each entry of Messages is a
// hit (its first message) with context.
type MessageSearch struct {
	Messages                 [][]model.Message    `json:"messages"`
	DoingDeepHistoricalIndex bool                 `json:"doing_deep_historical_index"`
	TotalResults             int                  `json:"total_results"`
	Threads                  []model.Channel      `json:"threads,omitempty"`
	Members                  []model.ThreadMember `json:"members,omitempty"`
	DocumentsIndexed         int                  `json:"documents_indexed,omitempty"`
}

// SearchMessages searches a guild's messages.
func (c *Client) SearchMessages(ctx context.Context, guild model.GuildID, q *MessageSearchQuery, opts ...RequestOption) (*MessageSearch, error) {
	return fetch[MessageSearch](ctx, c, rGuildSearch, path(guild), q, nil, opts)
}
