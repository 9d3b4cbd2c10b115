using System.Collections;

namespace Dashboard.Core.Glucose.Store;

/// <summary>
/// A read-only view of a list with each item converted as it is read: a streamed write's pieces are converted by the
/// engine's writer, not on the thread that parses the report (<see cref="StreamedWrite.Add"/>).
/// </summary>
public sealed class MappedList<TSource, T>(IReadOnlyList<TSource> source, Func<TSource, T> map) : IReadOnlyList<T>
{
    public int Count => source.Count;

    public T this[int index] => map(source[index]);

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < source.Count; i++) yield return map(source[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
