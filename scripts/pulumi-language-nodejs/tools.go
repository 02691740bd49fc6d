//go:build tools

// Package tools records the command this wrapper module builds, so `go mod tidy` keeps its deps.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
)
