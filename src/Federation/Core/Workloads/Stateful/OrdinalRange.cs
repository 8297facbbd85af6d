namespace Federation.Workloads.Stateful;

/// <summary>
/// The ordinals a member's StatefulSet runs: <c>[Start, Start + Count)</c>, written as
/// <c>spec.ordinals.start</c> and <c>spec.replicas</c>. One contiguous range per member is all a
/// StatefulSet can express, which is why every rule of <see cref="StatefulOrdinals"/> keeps ranges contiguous.
/// </summary>
public readonly record struct OrdinalRange(int Start, int Count)
{
    public static OrdinalRange Empty { get; } = new(0, 0);

    /// <summary>One past the highest ordinal.</summary>
    public int End => Start + Count;

    public bool IsEmpty => Count == 0;

    public bool Contains(int ordinal) => Count > 0 && ordinal >= Start && ordinal < End;

    /// <summary>The lowest or highest ordinal: the only ones a member can give up and stay contiguous.</summary>
    public bool IsEdge(int ordinal) => Contains(ordinal) && (ordinal == Start || ordinal == End - 1);

    /// <summary>The ordinal can join the range and leave it contiguous (any ordinal joins an empty range).</summary>
    public bool Touches(int ordinal) => IsEmpty || ordinal == Start - 1 || ordinal == End;

    public OrdinalRange With(int ordinal) =>
        IsEmpty ? new(ordinal, 1) : ordinal == Start - 1 ? new(ordinal, Count + 1) : ordinal == End ? this with { Count = Count + 1 } : throw new ArgumentOutOfRangeException(nameof(ordinal));

    public OrdinalRange Without(int ordinal) =>
        Count == 1 && ordinal == Start ? Empty : ordinal == Start ? new(Start + 1, Count - 1) : ordinal == End - 1 ? this with { Count = Count - 1 } : throw new ArgumentOutOfRangeException(nameof(ordinal));

    /// <summary>The range cut to ordinals below <paramref name="end"/>.</summary>
    public OrdinalRange Below(int end) => End <= end ? this : Start >= end ? Empty : this with { Count = end - Start };

    public IEnumerable<int> Ordinals() => Enumerable.Range(Start, Count);

    public override string ToString() => IsEmpty ? "none" : Count == 1 ? $"{Start}" : $"{Start}..{End - 1}";
}
