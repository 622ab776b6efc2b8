package model

// Linked roles: the fields an application's role connections declare,
// and a user's values for them.

// RoleConnectionMetadataType is how a role connection field is compared
// with the value a guild's linked role requires.
type RoleConnectionMetadataType int

// Role connection metadata types.
const (
	MetadataIntegerLessThanOrEqual     RoleConnectionMetadataType = 1
	MetadataIntegerGreaterThanOrEqual  RoleConnectionMetadataType = 2
	MetadataIntegerEqual               RoleConnectionMetadataType = 3
	MetadataIntegerNotEqual            RoleConnectionMetadataType = 4
	MetadataDatetimeLessThanOrEqual    RoleConnectionMetadataType = 5
	MetadataDatetimeGreaterThanOrEqual RoleConnectionMetadataType = 6
	MetadataBooleanEqual               RoleConnectionMetadataType = 7
	MetadataBooleanNotEqual            RoleConnectionMetadataType = 8
)

var roleConnectionMetadataTypeNames = map[RoleConnectionMetadataType]string{
	1: "INTEGER_LESS_THAN_OR_EQUAL", 2: "INTEGER_GREATER_THAN_OR_EQUAL", 3: "INTEGER_EQUAL",
	4: "INTEGER_NOT_EQUAL", 5: "DATETIME_LESS_THAN_OR_EQUAL", 6: "DATETIME_GREATER_THAN_OR_EQUAL",
	7: "BOOLEAN_EQUAL", 8: "BOOLEAN_NOT_EQUAL",
}

func (t RoleConnectionMetadataType) String() string {
	return nameOf("RoleConnectionMetadataType", t, roleConnectionMetadataTypeNames)
}

// RoleConnectionMetadata is one field an application's linked roles can
// require.
type RoleConnectionMetadata struct {
	Type                     RoleConnectionMetadataType `json:"type"`
	Key                      string                     `json:"key"`
	Name                     string                     `json:"name"`
	NameLocalizations        map[string]string          `json:"name_localizations,omitempty"`
	Description              string                     `json:"description"`
	DescriptionLocalizations map[string]string          `json:"description_localizations,omitempty"`
}

// RoleConnection is a user's linked-role data for an application.
type RoleConnection struct {
	PlatformName     *string           `json:"platform_name"`
	PlatformUsername *string           `json:"platform_username"`
	Metadata         map[string]string `json:"metadata"`
}
