using System.Text;

namespace Federation;

/// <summary>
/// FNV-1a over UTF-8, then MurmurHash3's finaliser so that keys differing in their last
/// character still differ in every bit: a hash that is the same in every process and version
/// (string.GetHashCode is randomised per process), for anything persisted or compared across silos.
/// </summary>
public static class StableHash
{
    private const uint Offset = 2166136261u;

    public static uint Of(string text) => Finish(Fnv(Offset, text));

    /// <summary>
    /// The hash of <c>prefix + text</c> without building that string: FNV-1a is a running hash, so
    /// a prefix's state (<see cref="Start"/>) is hashed once and continued for each text.
    /// </summary>
    public static uint Of(uint prefix, string text) => Finish(Fnv(prefix, text));

    /// <summary>The running state after <paramref name="prefix"/>, for <see cref="Of(uint, string)"/>.</summary>
    public static uint Start(string prefix) => Fnv(Offset, prefix);

    private static uint Fnv(uint hash, ReadOnlySpan<char> text)
    {
        // UTF-8 in chunks on the stack; a chunk never ends between the two halves of a surrogate pair.
        Span<byte> bytes = stackalloc byte[3 * 64];
        while (!text.IsEmpty)
        {
            var length = Math.Min(text.Length, 64);
            if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
            {
                length--;
            }

            var written = Encoding.UTF8.GetBytes(text[..length], bytes);
            foreach (var b in bytes[..written])
            {
                hash = (hash ^ b) * 16777619u;
            }

            text = text[length..];
        }

        return hash;
    }

    private static uint Finish(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        return hash ^ (hash >> 16);
    }
}
