"""What reaches site/: content HTML through an allowlist, each page under a Content-Security-Policy."""
