namespace Federation.Scheduling;

/// <summary>
/// Arrays the division reuses from one placement to the next on the same thread, instead of
/// allocating them anew: at a thousand members they were most of what a placement allocated, and
/// the collections they caused were most of its 99th-percentile time. An array is handed out
/// cleared and exactly as long as asked (the code reads its length), and stays valid until its
/// slot is asked for again on that thread. A placement is synchronous and never re-entered, and
/// nothing it returns holds one of them (the result is copied into its own dictionaries).
/// </summary>
internal static class Scratch<T>
{
    [ThreadStatic]
    private static T[]?[]? _slots;

    public static T[] Get(ScratchSlot slot, int length)
    {
        var slots = _slots ??= new T[]?[Enum.GetValues<ScratchSlot>().Length];
        var array = slots[(int)slot];
        if (array is null || array.Length != length)
        {
            return slots[(int)slot] = new T[length];
        }

        Array.Clear(array);
        return array;
    }
}

/// <summary>Who uses which reused array: one slot per array alive at the same time in a placement.</summary>
internal enum ScratchSlot
{
    Weights,
    Lo,
    Hi,
    Seats,
    ShareDown,
    ShareUp,
    Anchor,
    ByHi,
    ByLo,
    HiSum,
    HiWeight,
    LoSum,
    LoWeight,
    Fill,
    Drain,
    ScoreKeys,
    ScoreOrder,
}
