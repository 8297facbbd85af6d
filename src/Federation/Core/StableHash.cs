using System.Text;

namespace Federation;

/// <summary>
/// FNV-1a over UTF-8, then MurmurHash3's finaliser so that keys differing in their last
/// character still differ in every bit: a hash that is the same in every process and version
/// (string.GetHashCode is randomised per process), for anything persisted or compared across silos.
/// </summary>
public static class StableHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        return hash ^ (hash >> 16);
    }
}
