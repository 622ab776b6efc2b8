package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rInviteTargets       = route("GET", "/invites/{code}/target-users")
	rSetInviteTargets    = route("PUT", "/invites/{code}/target-users")
	rInviteTargetsStatus = route("GET", "/invites/{code}/target-users/job-status")
)

// InviteTargetUsers gets the CSV of the users an invite is restricted to.
func (c *Client) InviteTargetUsers(ctx context.Context, code string, opts ...RequestOption) ([]byte, error) {
	var out []byte
	err := c.call(ctx, rInviteTargets, path(code), nil, nil, &out, opts)
	return out, err
}

// SetInviteTargetUsers restricts an invite to the users of a CSV file
// (one user ID a line).
func (c *Client) SetInviteTargetUsers(ctx context.Context, code string, csv File, opts ...RequestOption) error {
	return c.call(ctx, rSetInviteTargets, path(code), nil, &fileForm{"target_users_file", csv}, nil, opts)
}

// InviteTargetUsersJob is how the processing of an invite's target
// users file goes.
type InviteTargetUsersJob struct {
	Status         model.InviteTargetUsersJobStatus `json:"status"`
	TotalUsers     int64                            `json:"total_users"`
	ProcessedUsers int64                            `json:"processed_users"`
	CreatedAt      *model.Timestamp                 `json:"created_at"`
	CompletedAt    *model.Timestamp                 `json:"completed_at"`
	ErrorMessage   *string                          `json:"error_message"`
}

// InviteTargetUsersStatus tells how the processing of that file goes.
func (c *Client) InviteTargetUsersStatus(ctx context.Context, code string, opts ...RequestOption) (*InviteTargetUsersJob, error) {
	return fetch[InviteTargetUsersJob](ctx, c, rInviteTargetsStatus, path(code), nil, nil, opts)
}
