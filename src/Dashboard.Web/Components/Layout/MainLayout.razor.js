// The theme choice lives in a cookie, so the server renders the first paint in it (no light flash), and in local
// storage, where earlier versions kept it.
export function rememberTheme(value) {
    localStorage.setItem("lcd-theme", value);
    document.cookie = `lcd-theme=${value}; path=/; max-age=31536000; samesite=lax`;
}

// The browser's IANA time zone, written to a cookie so the server's first render of the next page uses it.
export function rememberTimeZone(cookieName) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) document.cookie = `${cookieName}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    return zone ?? null;
}
