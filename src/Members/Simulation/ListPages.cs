using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>One page of a list: the items, the list's resourceVersion, and where the next page starts.</summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue = null, long? Remaining = null);

/// <summary>
/// <c>limit</c> and <c>continue</c> as the API server pages a list: every page of one list comes
/// from the snapshot the first page was cut from (kept by reference; stored versions are
/// immutable), until the store is compacted past it — then <c>410 Expired</c> with a token that
/// continues from the same key in the current state. Runs under the store gate.
/// </summary>
internal sealed class ListPages(ObjectStore store)
{
    private const int Retained = 32;

    private readonly Dictionary<(string Query, long Rv), List<StoredObject>> _snapshots = [];
    private readonly Queue<(string Query, long Rv)> _order = new();

    public ListPage Take(ResourceKind kind, string query, Func<List<StoredObject>> list, long limit, string? token)
    {
        List<StoredObject> all;
        long rv;
        var start = 0;
        if (string.IsNullOrEmpty(token))
        {
            (all, rv) = (list(), store.ResourceVersion);
        }
        else
        {
            var (tokenRv, startKey) = Decode(token);
            if (tokenRv < 0)
            {
                (all, rv) = (list(), store.ResourceVersion);
            }
            else if (tokenRv <= store.Ring(kind).EvictedUpTo || !_snapshots.TryGetValue((query, tokenRv), out all!))
            {
                throw Expired(startKey);
            }
            else
            {
                rv = tokenRv;
            }

            start = After(all, startKey);
        }

        var count = limit > 0 ? (int)Math.Min(limit, all.Count - start) : all.Count - start;
        var items = all.GetRange(start, count);
        if (start + count >= all.Count)
        {
            return new ListPage(items, rv);
        }

        Remember(query, rv, all);
        return new ListPage(items, rv, Encode(rv, Key(items[^1]) + "\0"), all.Count - start - count);
    }

    private void Remember(string query, long rv, List<StoredObject> all)
    {
        if (_snapshots.TryAdd((query, rv), all))
        {
            _order.Enqueue((query, rv));
        }

        while (_order.Count > Retained)
        {
            _snapshots.Remove(_order.Dequeue());
        }
    }

    private static string Key(StoredObject o) => $"{o.Namespace}/{o.Name}";

    /// <summary>The index of the first item whose key is not before <paramref name="startKey"/> (items are in key order).</summary>
    private static int After(List<StoredObject> items, string startKey)
    {
        int lo = 0, hi = items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(Key(items[mid]), startKey) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // The shape of Kubernetes' token: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"KEY\u0000"}.
    private static string Encode(long rv, string start) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = start }.ToJsonString()));

    private static (long Rv, string Start) Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token))!;
            return (json["rv"]!.GetValue<long>(), json["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {e.Message}");
        }
    }

    private static ApiException Expired(string startKey) => new(410, "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, "
        + "or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an "
        + "inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
    {
        Continue = Encode(-1, startKey),
    };

    public static long Limit(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : 0;
}
