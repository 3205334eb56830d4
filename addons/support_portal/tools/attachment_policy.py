# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One attachment policy for tickets, by portal and by e-mail."""

# Attachments of a ticket, submitted from the portal or by e-mail
# (ir.config_parameter overrides)
DEFAULT_MAX_ATTACHMENT_MB = 10
DEFAULT_MAX_ATTACHMENTS = 10
# Files that run code when opened, or HTML/SVG that would be served from our domain
DEFAULT_BLOCKED_EXTENSIONS = (
    ".exe .com .bat .cmd .msi .scr .pif .cpl .dll .vbs .vbe .js .jse .wsf .wsh "
    ".ps1 .psm1 .sh .jar .app .apk .html .htm .xhtml .svg .hta"
)
BLOCKED_MIMETYPES = {
    "application/x-msdownload",
    "application/x-dosexec",
    "application/x-executable",
    "application/x-sharedlib",
    "application/java-archive",
    "text/html",
    "image/svg+xml",
}
