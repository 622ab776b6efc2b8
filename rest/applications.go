package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rGetApp             = route("GET", "/applications/{application_id}")
	rModifyApp          = route("PATCH", "/applications/{application_id}")
	rActivityInstance   = route("GET", "/applications/{application_id}/activity-instances/{instance_id}")
	rAppAttachment      = route("POST", "/applications/{application_id}/attachment")
	rRoleConnMeta       = route("GET", "/applications/{application_id}/role-connections/metadata")
	rSetRoleConnMeta    = route("PUT", "/applications/{application_id}/role-connections/metadata")
	rUserRoleConn       = route("GET", "/users/@me/applications/{application_id}/role-connection")
	rSetUserRoleConn    = route("PUT", "/users/@me/applications/{application_id}/role-connection")
	rDeleteUserRoleConn = route("DELETE", "/users/@me/applications/{application_id}/role-connection")
)

// Application gets an application by ID (the bot's own).
func (c *Client) Application(ctx context.Context, app model.ApplicationID, opts ...RequestOption) (*model.Application, error) {
	return fetch[model.Application](ctx, c, rGetApp, path(app), nil, nil, opts)
}

// ApplicationModify changes an application; fields left out stay as
// they are, and Null clears the ones Discord lets a request clear.
// Images are data URIs.
type ApplicationModify struct {
	CustomInstallURL               Nullable[string]                                                `json:"custom_install_url,omitzero"`
	Description                    Nullable[string]                                                `json:"description,omitzero"`
	RoleConnectionsVerificationURL Nullable[string]                                                `json:"role_connections_verification_url,omitzero"`
	InstallParams                  Nullable[model.InstallParams]                                   `json:"install_params,omitzero"`
	IntegrationTypesConfig         Nullable[map[model.IntegrationType]model.IntegrationTypeConfig] `json:"integration_types_config,omitzero"`
	Flags                          Nullable[model.ApplicationFlags]                                `json:"flags,omitzero"`
	Icon                           Nullable[string]                                                `json:"icon,omitzero"`
	CoverImage                     Nullable[string]                                                `json:"cover_image,omitzero"`
	InteractionsEndpointURL        Nullable[string]                                                `json:"interactions_endpoint_url,omitzero"`
	Tags                           Nullable[[]string]                                              `json:"tags,omitzero"`
	EventWebhooksURL               Nullable[string]                                                `json:"event_webhooks_url,omitzero"`
	EventWebhooksStatus            Nullable[model.EventWebhooksStatus]                             `json:"event_webhooks_status,omitzero"`
	EventWebhooksTypes             Nullable[[]string]                                              `json:"event_webhooks_types,omitzero"`
}

// ModifyApplication changes an application.
func (c *Client) ModifyApplication(ctx context.Context, app model.ApplicationID, m *ApplicationModify, opts ...RequestOption) (*model.Application, error) {
	if tags, ok := m.Tags.Get(); ok {
		if err := tooMany("tags", len(tags), 5); err != nil {
			return nil, err
		}
	}
	return fetch[model.Application](ctx, c, rModifyApp, path(app), nil, m, opts)
}

// ActivityInstance is a running instance of an activity.
type ActivityInstance struct {
	ApplicationID model.ApplicationID `json:"application_id"`
	InstanceID    string              `json:"instance_id"`
	LaunchID      string              `json:"launch_id"`
	Location      ActivityLocation    `json:"location"`
	Users         []model.UserID      `json:"users"`
}

// ActivityLocation is where an activity runs: Kind "gc" in a guild
// channel (GuildID set), "pc" in a private channel.
type ActivityLocation struct {
	ID        string          `json:"id"`
	Kind      string          `json:"kind"`
	ChannelID model.ChannelID `json:"channel_id"`
	GuildID   model.GuildID   `json:"guild_id,omitzero"`
}

// ActivityInstance gets a running instance of an activity.
func (c *Client) ActivityInstance(ctx context.Context, app model.ApplicationID, instance string, opts ...RequestOption) (*ActivityInstance, error) {
	return fetch[ActivityInstance](ctx, c, rActivityInstance, path(app, instance), nil, nil, opts)
}

type fileForm struct {
	part string
	f    File
}

func (f *fileForm) form() ([][2]string, string, File) { return nil, f.part, f.f }

// AppAttachment is a file an activity uploaded to share.
type AppAttachment struct {
	Attachment model.Attachment `json:"attachment"`
}

// UploadAppAttachment uploads a file for an activity to share.
func (c *Client) UploadAppAttachment(ctx context.Context, app model.ApplicationID, f File, opts ...RequestOption) (*AppAttachment, error) {
	return fetch[AppAttachment](ctx, c, rAppAttachment, path(app), nil, &fileForm{"file", f}, opts)
}

// RoleConnectionMetadata lists an application's role connection fields.
func (c *Client) RoleConnectionMetadata(ctx context.Context, app model.ApplicationID, opts ...RequestOption) ([]model.RoleConnectionMetadata, error) {
	return list[model.RoleConnectionMetadata](ctx, c, rRoleConnMeta, path(app), nil, nil, opts)
}

// SetRoleConnectionMetadata replaces them (at most 5).
func (c *Client) SetRoleConnectionMetadata(ctx context.Context, app model.ApplicationID, m []model.RoleConnectionMetadata, opts ...RequestOption) ([]model.RoleConnectionMetadata, error) {
	if err := tooMany("metadata", len(m), 5); err != nil {
		return nil, err
	}
	if m == nil {
		m = []model.RoleConnectionMetadata{}
	}
	return list[model.RoleConnectionMetadata](ctx, c, rSetRoleConnMeta, path(app), nil, m, opts)
}

// UserRoleConnection gets the token user's role connection (Bearer).
func (c *Client) UserRoleConnection(ctx context.Context, app model.ApplicationID, opts ...RequestOption) (*model.RoleConnection, error) {
	return fetch[model.RoleConnection](ctx, c, rUserRoleConn, path(app), nil, nil, opts)
}

// SetUserRoleConnection sets the token user's role connection (Bearer).
func (c *Client) SetUserRoleConnection(ctx context.Context, app model.ApplicationID, rc *model.RoleConnection, opts ...RequestOption) (*model.RoleConnection, error) {
	return fetch[model.RoleConnection](ctx, c, rSetUserRoleConn, path(app), nil, rc, opts)
}

// DeleteUserRoleConnection removes the token user's role connection.
func (c *Client) DeleteUserRoleConnection(ctx context.Context, app model.ApplicationID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteUserRoleConn, path(app), nil, nil, nil, opts)
}
