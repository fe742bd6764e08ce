package main

import "strings"

func joinArgs(a []string) string { return strings.Join(a, " ") }
