using System.Buffers.Binary;
using System.Text;

namespace Dashboard.Benchmarks.Circuits;

/// <summary>
/// What a browser would hold after applying a circuit's render batches, reduced to what a load client needs: a
/// logical tree of elements, text and markup per component, with each element's attributes and event handler ids,
/// so the client can find a button by its label and dispatch a click to it the way the browser would.
/// The batch format is Blazor's out-of-process render batch (little-endian tables indexed from the batch's tail);
/// the edit semantics follow the browser renderer: regions are flattened, components and markup are one logical child.
/// </summary>
public sealed class RenderedDocument
{
    private readonly Dictionary<int, RenderedComponent> _components = [];
    private readonly List<RenderedComponent> _roots = [];

    /// <summary>Render batches applied so far.</summary>
    public int BatchesApplied { get; private set; }

    /// <summary>Every element in document order, through every component.</summary>
    public IEnumerable<RenderedElement> Elements() => _roots.SelectMany(root => root.Descendants()).OfType<RenderedElement>();

    /// <summary>Applies one render batch (the bytes of a <c>JS.RenderBatch</c> message).</summary>
    public void Apply(ReadOnlySpan<byte> batch)
    {
        var reader = new BatchReader(batch);
        var diffs = reader.Int(batch.Length - 20);
        var frames = reader.Int(batch.Length - 16) + 4;
        var disposed = reader.Int(batch.Length - 12);

        for (int i = 0, count = reader.Int(diffs); i < count; i++)
        {
            var diff = reader.Int(diffs + 4 + i * 4);
            var component = ComponentNode(reader.Int(diff));
            ApplyEdits(ref reader, component, diff + 4, frames);
        }
        for (int i = 0, count = reader.Int(disposed); i < count; i++)
        {
            var id = reader.Int(disposed + 4 + i * 4);
            if (_components.Remove(id, out var gone))
            {
                _roots.Remove(gone);
            }
        }
        BatchesApplied++;
    }

    private RenderedComponent ComponentNode(int id)
    {
        if (!_components.TryGetValue(id, out var node))
        {
            // A root component (or a child whose parent's diff has not arrived yet): kept as a root until placed.
            node = new RenderedComponent(id);
            _components[id] = node;
            _roots.Add(node);
        }
        return node;
    }

    private void ApplyEdits(ref BatchReader reader, RenderedComponent component, int edits, int frames)
    {
        // Sibling indices are relative to the current parent; a component's own children start at 0.
        RenderedContainer parent = component;
        List<(int From, int To)> permutation = [];
        for (int i = 0, count = reader.Int(edits); i < count; i++)
        {
            var edit = edits + 4 + i * 16;
            var type = (EditType)reader.Int(edit);
            var sibling = reader.Int(edit + 4);
            var frame = frames + reader.Int(edit + 8) * 20;
            switch (type)
            {
                case EditType.PrependFrame:
                    InsertFrame(ref reader, parent, sibling, frames, reader.Int(edit + 8));
                    break;
                case EditType.RemoveFrame:
                    parent.RemoveAt(sibling);
                    break;
                case EditType.SetAttribute:
                    ((RenderedElement)parent.Children[sibling]).Apply(ref reader, frame);
                    break;
                case EditType.RemoveAttribute:
                    ((RenderedElement)parent.Children[sibling]).Remove(reader.String(reader.Int(edit + 12)) ?? "");
                    break;
                case EditType.UpdateText:
                    ((RenderedText)parent.Children[sibling]).Text = reader.String(reader.Int(frame + 4)) ?? "";
                    break;
                case EditType.UpdateMarkup:
                    parent.RemoveAt(sibling);
                    parent.Insert(sibling, new RenderedMarkup(reader.String(reader.Int(frame + 4)) ?? ""));
                    break;
                case EditType.StepIn:
                    parent = (RenderedContainer)parent.Children[sibling];
                    break;
                case EditType.StepOut:
                    parent = parent.Parent ?? throw new InvalidDataException("Render batch stepped out of its component.");
                    break;
                case EditType.PermutationListEntry:
                    permutation.Add((sibling, reader.Int(edit + 8)));
                    break;
                case EditType.PermutationListEnd:
                    parent.Permute(permutation);
                    permutation.Clear();
                    break;
                default:
                    throw new InvalidDataException($"Unknown render tree edit type {(int)type}.");
            }
        }
    }

    /// <summary>Inserts the frame and its subtree at <paramref name="index"/>; returns the number of logical children added.</summary>
    private int InsertFrame(ref BatchReader reader, RenderedContainer parent, int index, int frames, int frameIndex)
    {
        var frame = frames + frameIndex * 20;
        switch ((FrameType)reader.Int(frame))
        {
            case FrameType.Element:
            {
                var element = new RenderedElement(reader.String(reader.Int(frame + 8)) ?? "");
                parent.Insert(index, element);
                var end = frameIndex + reader.Int(frame + 4);
                for (var child = frameIndex + 1; child < end; child++)
                {
                    if ((FrameType)reader.Int(frames + child * 20) == FrameType.Attribute)
                    {
                        element.Apply(ref reader, frames + child * 20);
                        continue;
                    }
                    InsertRange(ref reader, element, 0, frames, child, end);
                    break;
                }
                return 1;
            }
            case FrameType.Text:
                parent.Insert(index, new RenderedText(reader.String(reader.Int(frame + 4)) ?? ""));
                return 1;
            case FrameType.Markup:
                parent.Insert(index, new RenderedMarkup(reader.String(reader.Int(frame + 4)) ?? ""));
                return 1;
            case FrameType.Component:
            {
                var id = reader.Int(frame + 8);
                if (_components.TryGetValue(id, out var early))
                {
                    _roots.Remove(early);
                }
                var component = early ?? new RenderedComponent(id);
                _components[id] = component;
                parent.Insert(index, component);
                return 1;
            }
            case FrameType.Region:
                return InsertRange(ref reader, parent, index, frames, frameIndex + 1, frameIndex + reader.Int(frame + 4));
            default:
                // Element and component reference captures, render modes and named events add nothing a client sees.
                return 0;
        }
    }

    private int InsertRange(ref BatchReader reader, RenderedContainer parent, int index, int frames, int start, int end)
    {
        var first = index;
        for (var frameIndex = start; frameIndex < end; frameIndex++)
        {
            index += InsertFrame(ref reader, parent, index, frames, frameIndex);
            var type = (FrameType)reader.Int(frames + frameIndex * 20);
            if (type is FrameType.Element or FrameType.Component or FrameType.Region)
            {
                frameIndex += reader.Int(frames + frameIndex * 20 + 4) - 1; // its descendants were inserted with it
            }
        }
        return index - first;
    }

    private enum FrameType
    {
        Element = 1,
        Text = 2,
        Attribute = 3,
        Component = 4,
        Region = 5,
        Markup = 8,
    }

    private enum EditType
    {
        PrependFrame = 1,
        RemoveFrame = 2,
        SetAttribute = 3,
        RemoveAttribute = 4,
        UpdateText = 5,
        StepIn = 6,
        StepOut = 7,
        UpdateMarkup = 8,
        PermutationListEntry = 9,
        PermutationListEnd = 10,
    }

    /// <summary>Reads the batch's little-endian integers and its string table (LEB128-prefixed UTF-8).</summary>
    internal readonly ref struct BatchReader(ReadOnlySpan<byte> batch)
    {
        private readonly ReadOnlySpan<byte> _batch = batch;
        private readonly int _strings = BinaryPrimitives.ReadInt32LittleEndian(batch[^4..]);

        public int Int(int position) => BinaryPrimitives.ReadInt32LittleEndian(_batch[position..]);

        public ulong ULong(int position) => BinaryPrimitives.ReadUInt64LittleEndian(_batch[position..]);

        public string? String(int index)
        {
            if (index < 0)
            {
                return null;
            }
            var position = Int(_strings + index * 4);
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _batch[position++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }
            return Encoding.UTF8.GetString(_batch.Slice(position, length));
        }
    }
}

public abstract class RenderedNode
{
    public RenderedContainer? Parent { get; internal set; }

    /// <summary>The text a reader would see in this node and below (markup with its tags removed).</summary>
    public abstract string TextContent { get; }
}

public abstract class RenderedContainer : RenderedNode
{
    private readonly List<RenderedNode> _children = [];

    public IReadOnlyList<RenderedNode> Children => _children;

    public override string TextContent => string.Concat(_children.Select(c => c.TextContent));

    public IEnumerable<RenderedNode> Descendants()
    {
        foreach (var child in _children)
        {
            yield return child;
            if (child is RenderedContainer container)
            {
                foreach (var below in container.Descendants())
                {
                    yield return below;
                }
            }
        }
    }

    internal void Insert(int index, RenderedNode node)
    {
        node.Parent = this;
        _children.Insert(index, node);
    }

    internal void RemoveAt(int index) => _children.RemoveAt(index);

    internal void Permute(List<(int From, int To)> moves)
    {
        var before = _children.ToArray();
        foreach (var (from, to) in moves)
        {
            _children[to] = before[from];
        }
    }
}

public sealed class RenderedComponent(int id) : RenderedContainer
{
    public int Id { get; } = id;
}

public sealed class RenderedElement(string name) : RenderedContainer
{
    private readonly Dictionary<string, string?> _attributes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ulong> _handlers = new(StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public string? Attribute(string attribute) => _attributes.GetValueOrDefault(attribute);

    public bool HasAttribute(string attribute) => _attributes.ContainsKey(attribute);

    /// <summary>The event handler id for <paramref name="eventName"/> (for example <c>click</c>), when the element has one.</summary>
    public ulong? Handler(string eventName) => _handlers.TryGetValue(eventName, out var id) ? id : null;

    internal void Apply(ref RenderedDocument.BatchReader reader, int frame)
    {
        var attribute = reader.String(reader.Int(frame + 4)) ?? "";
        var handler = reader.ULong(frame + 12);
        if (handler != 0 && attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            _handlers[attribute[2..]] = handler;
            return;
        }
        _attributes[attribute] = reader.String(reader.Int(frame + 8));
    }

    internal void Remove(string attribute)
    {
        _attributes.Remove(attribute);
        if (attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            _handlers.Remove(attribute[2..]);
        }
    }
}

public sealed class RenderedText(string text) : RenderedNode
{
    public string Text { get; internal set; } = text;

    public override string TextContent => Text;
}

public sealed class RenderedMarkup(string markup) : RenderedNode
{
    public string Markup { get; } = markup;

    public override string TextContent => System.Text.RegularExpressions.Regex.Replace(Markup, "<[^>]*>", "");
}
