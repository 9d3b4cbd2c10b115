// The theme choice lives in a cookie, so the server renders the first paint in it (no light flash), and in local
// storage, where earlier versions kept it.
export function rememberTheme(value) {
    localStorage.setItem("lcd-theme", value);
    document.cookie = `lcd-theme=${value}; path=/; max-age=31536000; samesite=lax`;
}
