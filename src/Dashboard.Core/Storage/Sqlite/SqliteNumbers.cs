using System.Runtime.InteropServices;
using SQLitePCL;

namespace Dashboard.Core.Storage.Sqlite;

/// <summary>
/// Binds numbers and nulls onto a prepared statement through SQLite's C API directly. A 90-day pull binds ~150,000
/// values; through SQLitePCL's <c>raw</c> each bind is a provider call and a P/Invoke that takes and releases the
/// statement's SafeHandle, which cost about as much as SQLite's own work of storing the rows (issue 12). These calls do
/// no I/O and never call back, so they may skip the GC transition. The library is the native SQLite that
/// Microsoft.Data.Sqlite's bundle (<c>SQLitePCLRaw.bundle_e_sqlite3</c>) loads, so it is the same SQLite instance.
/// </summary>
internal static class SqliteNumbers
{
    private const string Library = "e_sqlite3";

    /// <remarks>The statement stays referenced by the caller for the call, so its handle cannot be released under it.</remarks>
    public static void Int64(sqlite3_stmt statement, int index, long value) => BindInt64(statement.DangerousGetHandle(), index, value);

    public static void Int32(sqlite3_stmt statement, int index, int value) => BindInt(statement.DangerousGetHandle(), index, value);

    public static void Double(sqlite3_stmt statement, int index, double value) => BindDouble(statement.DangerousGetHandle(), index, value);

    public static void Null(sqlite3_stmt statement, int index) => BindNull(statement.DangerousGetHandle(), index);

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindInt64(IntPtr statement, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_int", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindInt(IntPtr statement, int index, int value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_double", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindDouble(IntPtr statement, int index, double value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int BindNull(IntPtr statement, int index);
}
