package transcribe

import (
	"strings"
	"testing"
)

func TestServerMessage(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes: cut on a rune boundary
	for _, tc := range []struct {
		name, body, want string
	}{
		{"openai", `{"error":{"message":"Invalid file format.","type":"invalid_request_error","param":null,"code":null}}`, "Invalid file format."},
		{"escaped quotes", `{"error":{"message":"Unrecognized \"model\": \"whisper-2\"","type":"invalid_request_error"}}`, `Unrecognized "model": "whisper-2"`},
		{"escaped quotes and slash", `{"error":{"message":"Invalid value for \"file\": expected audio\/wav, got \"text\/plain\""}}`, `Invalid value for "file": expected audio/wav, got "text/plain"`},
		{"json escapes", `{"error":{"message":"see https:\/\/example.com\/docs \u2014 caf\u00e9\nline two"}}`, "see https://example.com/docs — café line two"},
		{"message word as a value first", `{"error":{"type":"message","code":"x","message":"the real one"}}`, "the real one"},
		{"key order", `{"error":{"code":"bad","message":"message first? no"}}`, "message first? no"},
		{"top-level message", `{"message":"model not loaded"}`, "model not loaded"},
		{"error string", `{"error":"model not found"}`, "model not found"},
		{"no message", `{"error":{"code":"x"}}`, `{"error":{"code":"x"}}`},
		{"plain text", "  upstream\n timed out  ", "upstream timed out"},
		{"html page", "<html><body>502 Bad Gateway</body></html>", ""},
		{"long", `{"error":{"message":"` + long + `"}}`, strings.Repeat("é", 100) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := serverMessage([]byte(tc.body)); got != tc.want {
				t.Errorf("serverMessage(%s) = %q, want %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestKindForStatusQuota(t *testing.T) {
	for _, tc := range []struct {
		body string
		want error
	}{
		{`{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}`, ErrQuota},
		{`{"error":{"message":"quota","type":"insufficient_quota","code":null}}`, ErrQuota},
		{`{"error":{"message":"not insufficient_quota, just slow down","type":"requests","code":"rate_limit_exceeded"}}`, ErrRateLimited},
		{`insufficient_quota`, ErrQuota},
		{`slow down`, ErrRateLimited},
	} {
		if got := kindForStatus(429, []byte(tc.body)); got != tc.want {
			t.Errorf("kindForStatus(429, %s) = %v, want %v", tc.body, got, tc.want)
		}
	}
}
