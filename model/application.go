package model

// Application is a Discord application, as GET /applications/@me shows
// it.
type Application struct {
	ID                    ApplicationID    `json:"id"`
	Name                  string           `json:"name"`
	Icon                  *string          `json:"icon"`
	Description           string           `json:"description"`
	BotPublic             bool             `json:"bot_public"`
	BotRequireCodeGrant   bool             `json:"bot_require_code_grant"`
	Bot                   *User            `json:"bot,omitempty"`
	Owner                 *User            `json:"owner,omitempty"`
	VerifyKey             string           `json:"verify_key"`
	GuildID               GuildID          `json:"guild_id,omitzero"`
	Flags                 ApplicationFlags `json:"flags"`
	ApproximateGuildCount int              `json:"approximate_guild_count,omitempty"`
	InteractionsEndpoint  *string          `json:"interactions_endpoint_url,omitempty"`
	RoleConnectionsVerify *string          `json:"role_connections_verification_url,omitempty"`
	Tags                  []string         `json:"tags,omitempty"`
	CustomInstallURL      string           `json:"custom_install_url,omitempty"`
	Type                  *int             `json:"type,omitempty"`
	CoverImage            string           `json:"cover_image,omitempty"`
	PrimarySKUID          SKUID            `json:"primary_sku_id,omitzero"`
	Slug                  string           `json:"slug,omitempty"`
	RPCOrigins            []string         `json:"rpc_origins,omitempty"`
	TermsOfServiceURL     string           `json:"terms_of_service_url,omitempty"`
	PrivacyPolicyURL      string           `json:"privacy_policy_url,omitempty"`
	Team                  *Team            `json:"team,omitempty"`
	InstallParams         *InstallParams   `json:"install_params,omitempty"`
	// IntegrationTypesConfig maps each context the application installs
	// in to how it does.
	IntegrationTypesConfig            map[IntegrationType]IntegrationTypeConfig `json:"integration_types_config,omitempty"`
	ApproximateUserInstallCount       int                                       `json:"approximate_user_install_count,omitempty"`
	ApproximateUserAuthorizationCount int                                       `json:"approximate_user_authorization_count,omitempty"`
	RedirectURIs                      []string                                  `json:"redirect_uris,omitempty"`
	EventWebhooksURL                  *string                                   `json:"event_webhooks_url,omitempty"`
	EventWebhooksStatus               EventWebhooksStatus                       `json:"event_webhooks_status,omitempty"`
	EventWebhooksTypes                []string                                  `json:"event_webhooks_types,omitempty"`
	MaxParticipants                   *int                                      `json:"max_participants,omitempty"`
	// FlagsNew is the flags as a decimal string, for flags past 32 bits.
	FlagsNew string `json:"flags_new,omitempty"`
	// EligibleOAuth2Scopes are the OAuth2 scopes the application may ask
	// for (the application's own view only).
	EligibleOAuth2Scopes []string `json:"eligible_oauth2_scopes,omitempty"`
	// ExplicitContentFilter is whether Discord scans what the application
	// receives in interactions (the application's own view only).
	ExplicitContentFilter ApplicationContentFilter `json:"explicit_content_filter,omitempty"`
}
