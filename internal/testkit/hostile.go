package testkit

// Markup a hostile bundle might carry in any text field, for tests that
// check it stays text.
const (
	XSSScript = `<script>alert(1)</script>`
	XSSAttr   = `"><img src=x onerror=alert(1)>`
	XSSLink   = `<a href="javascript:alert(1)">click</a>`
	XSSURL    = `javascript:alert(1)`
	XSSTitle  = `</title><script>alert(1)</script><title>`
	XSSStyle  = `</style><svg onload=alert(1)>`
)
